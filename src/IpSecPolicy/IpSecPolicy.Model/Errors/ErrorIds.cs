namespace IpSecPolicy.Model.Errors;

/// <summary>
/// Every error id the model and the module write. They are part of the interface (docs/errors.md
/// lists them); add new ones, never rename.
/// </summary>
public static class ErrorIds
{
    public const string InvalidAddress = "InvalidAddress";
    public const string InvalidMask = "InvalidMask";
    public const string InvalidProtocol = "InvalidProtocol";
    public const string PortsRequireTcpOrUdp = "PortsRequireTcpOrUdp";
    public const string InvalidSecurityMethod = "InvalidSecurityMethod";
    public const string InvalidMainModeMethod = "InvalidMainModeMethod";
    public const string InvalidLifetime = "InvalidLifetime";
    public const string InvalidAuthMethod = "InvalidAuthMethod";
    public const string EmptyPreSharedKey = "EmptyPreSharedKey";
    public const string InvalidName = "InvalidName";
    public const string InvalidValue = "InvalidValue";
    public const string NameCollision = "NameCollision";
    public const string PolicyNotFound = "PolicyNotFound";
    public const string FilterListNotFound = "FilterListNotFound";
    public const string FilterNotFound = "FilterNotFound";
    public const string FilterActionNotFound = "FilterActionNotFound";
    public const string RuleNotFound = "RuleNotFound";
    public const string DuplicateFilter = "DuplicateFilter";
    public const string PolicyAssigned = "PolicyAssigned";
    public const string FilterListInUse = "FilterListInUse";
    public const string FilterActionInUse = "FilterActionInUse";
    public const string NoPolicyAssigned = "NoPolicyAssigned";
    public const string NegotiateRequiresMirroredFilters = "NegotiateRequiresMirroredFilters";
    public const string TunnelFilterNotAddressOnly = "TunnelFilterNotAddressOnly";
    public const string NegotiateRequiresSecurityMethod = "NegotiateRequiresSecurityMethod";
    public const string NegotiateRequiresAuthMethod = "NegotiateRequiresAuthMethod";
    public const string ServerTokenRequiresMe = "ServerTokenRequiresMe";
    public const string MixedAddressFamilies = "MixedAddressFamilies";
    public const string StoreCorrupt = "StoreCorrupt";
    public const string StoreLocked = "StoreLocked";
    public const string StoreWriteFailed = "StoreWriteFailed";
    public const string ImportInvalid = "ImportInvalid";
    public const string InterfaceNotFound = "InterfaceNotFound";
    public const string InvalidPacket = "InvalidPacket";
    public const string SettingRequiresNegotiate = "SettingRequiresNegotiate";
    public const string ImportFileNotFound = "ImportFileNotFound";
    public const string ImportReadFailed = "ImportReadFailed";
    public const string ExportFileExists = "ExportFileExists";
    public const string ExportWriteFailed = "ExportWriteFailed";
    public const string EngineAlreadyRunning = "EngineAlreadyRunning";
    public const string EngineNotFound = "EngineNotFound";
    public const string EngineStartFailed = "EngineStartFailed";
    public const string EngineStopTimeout = "EngineStopTimeout";
    public const string MainModeSaNotFound = "MainModeSaNotFound";
    public const string QuickModeSaNotFound = "QuickModeSaNotFound";
    public const string VpnUserNotFound = "VpnUserNotFound";
    public const string InvalidPassword = "InvalidPassword";
    public const string StaticAddressInUse = "StaticAddressInUse";
    public const string InvalidVpnGatewaySetting = "InvalidVpnGatewaySetting";
    public const string VpnGatewayNotConfigured = "VpnGatewayNotConfigured";
    public const string VpnSessionNotFound = "VpnSessionNotFound";
    public const string InvalidVpnConnectionSetting = "InvalidVpnConnectionSetting";
    public const string VpnConnectionNotConfigured = "VpnConnectionNotConfigured";
    public const string PreSharedKeyRequired = "PreSharedKeyRequired";
    public const string EngineInterfaceMismatch = "EngineInterfaceMismatch";
    public const string VpnConnectionFailed = "VpnConnectionFailed";
    public const string VpnConnectionTimeout = "VpnConnectionTimeout";
}
