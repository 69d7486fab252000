using System;
using System.Net;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The IKE side of UDP port 4500: IKE and ESP share the socket once NAT traversal floats there,
/// and the data plane's receive loop sorts them; IKE messages (after the non-ESP marker) come here.
/// </summary>
public interface IIkeDatagramReceiver
{
    /// <summary>
    /// One IKE message, the non-ESP marker already removed. The span and the address are the loop's
    /// buffers, valid only during the call: copy what you keep. Reply through <paramref name="bind"/>
    /// (its Send is thread-safe), prefixing the marker.
    /// </summary>
    void IkeDatagramReceived(ReadOnlySpan<byte> message, SocketAddress source, IDatagramBind bind);
}
