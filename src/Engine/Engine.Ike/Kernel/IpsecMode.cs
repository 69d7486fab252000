namespace Engine.Ike.Kernel;

public enum IpsecMode
{
    Transport,
    Tunnel,
}
