namespace Engine.Platform.Linux.Interop;

/// <summary>The errno values the platform layer reacts to (Linux, all architectures it runs on).</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int EIO = 5;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EINVAL = 22;
    internal const int ENOTSOCK = 88;
    internal const int EDESTADDRREQ = 89;
    internal const int EMSGSIZE = 90;
    internal const int EAFNOSUPPORT = 97;
    internal const int EADDRNOTAVAIL = 99;
    internal const int ENETDOWN = 100;
    internal const int ENETUNREACH = 101;
    internal const int ENOBUFS = 105;
    internal const int EHOSTDOWN = 112;
    internal const int EHOSTUNREACH = 113;
}
