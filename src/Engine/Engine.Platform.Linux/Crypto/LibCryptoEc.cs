using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// The EC_GROUP / EC_POINT calls of OpenSSL 3's libcrypto that ECDH over the RFC 5903 groups needs
/// (the low-level point API, not deprecated in OpenSSL 3, unlike EC_KEY). Raw pointers are wrapped
/// at once by <see cref="EcGroupHandle"/> and <see cref="EcPointHandle"/>.
/// </summary>
internal static unsafe partial class LibCryptoEc
{
    /// <summary>NID_X9_62_prime256v1 (NIST P-256, RFC 5903 group 19).</summary>
    internal const int Prime256 = 415;

    /// <summary>NID_secp384r1 (NIST P-384, group 20).</summary>
    internal const int Prime384 = 715;

    /// <summary>NID_secp521r1 (NIST P-521, group 21).</summary>
    internal const int Prime521 = 716;

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_GROUP_new_by_curve_name")]
    internal static partial nint GroupNewByCurveName(int nid);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_GROUP_free")]
    internal static partial void GroupFree(nint group);

    /// <summary>The field prime p (and a, b, which are not wanted: NULL).</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_GROUP_get_curve")]
    internal static partial int GroupGetCurve(EcGroupHandle group, BigNumHandle p, nint a, nint b, BigNumContextHandle context);

    /// <summary>The order n of the base point; owned by the group.</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_GROUP_get0_order")]
    internal static partial nint GroupOrder(EcGroupHandle group);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_new")]
    internal static partial nint PointNew(EcGroupHandle group);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_clear_free")]
    internal static partial void PointClearFree(nint point);

    /// <summary>
    /// result = scalar·G (EC_POINT_mul with the point pair NULL). With one scalar alone, OpenSSL 3
    /// treats it as secret and multiplies in constant time.
    /// </summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_mul")]
    internal static partial int MultiplyGenerator(EcGroupHandle group, EcPointHandle result, BigNumHandle scalar, nint none, nint noScalar, BigNumContextHandle context);

    /// <summary>result = scalar·point (EC_POINT_mul with the generator scalar NULL): constant time as above.</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_mul")]
    internal static partial int MultiplyPoint(EcGroupHandle group, EcPointHandle result, nint noGeneratorScalar, EcPointHandle point, BigNumHandle scalar, BigNumContextHandle context);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_set_affine_coordinates")]
    internal static partial int SetAffineCoordinates(EcGroupHandle group, EcPointHandle point, BigNumHandle x, BigNumHandle y, BigNumContextHandle context);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_get_affine_coordinates")]
    internal static partial int GetAffineCoordinates(EcGroupHandle group, EcPointHandle point, BigNumHandle x, BigNumHandle y, BigNumContextHandle context);

    /// <summary>1 on the curve, 0 not, -1 on error.</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_is_on_curve")]
    internal static partial int IsOnCurve(EcGroupHandle group, EcPointHandle point, BigNumContextHandle context);

    [LibraryImport(LibCrypto.Library, EntryPoint = "EC_POINT_is_at_infinity")]
    internal static partial int IsAtInfinity(EcGroupHandle group, EcPointHandle point);

    /// <summary>A uniform random number in [0, range) from OpenSSL's private DRBG (for secrets).</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "BN_priv_rand_range")]
    internal static partial int PrivateRandomRange(BigNumHandle result, nint range);

    /// <summary>The same comparison as BN_cmp, with the right side an object owned elsewhere (the group's order).</summary>
    [LibraryImport(LibCrypto.Library, EntryPoint = "BN_cmp")]
    internal static partial int Compare(BigNumHandle a, nint b);
}
