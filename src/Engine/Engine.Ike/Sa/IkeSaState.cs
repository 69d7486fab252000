namespace Engine.Ike.Sa;

public enum IkeSaState
{
    /// <summary>Main mode in progress.</summary>
    Connecting,

    /// <summary>Authenticated; quick modes and informational exchanges may run.</summary>
    Established,

    /// <summary>Being torn down; nothing new starts on it.</summary>
    Deleting,

    /// <summary>Gone from the engine.</summary>
    Destroyed,
}
