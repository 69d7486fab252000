@{
    RootModule           = 'IpSecPolicy.Commands.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41'
    Author               = 'IpSecPolicy contributors'
    Description          = 'Windows-style IPsec policy (policies, rules, filter lists, filter actions, authentication methods) as cmdlets, enforced on Linux by the IpSecPolicy engine.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @(
        'IpSecPolicy.Policy.format.ps1xml'
        'IpSecPolicy.FilterList.format.ps1xml'
        'IpSecPolicy.FilterAction.format.ps1xml'
        'IpSecPolicy.Rule.format.ps1xml'
        'IpSecPolicy.Diagnostics.format.ps1xml'
        'IpSecPolicy.Configuration.format.ps1xml'
        'IpSecPolicy.ImportExport.format.ps1xml'
        'IpSecPolicy.Engine.format.ps1xml'
        'IpSecPolicy.Monitor.format.ps1xml'
        'IpSecPolicy.VpnUser.format.ps1xml'
        'IpSecPolicy.VpnGateway.format.ps1xml'
    )
    CmdletsToExport      = '*'
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('IPsec', 'IKE', 'ESP', 'L2TP', 'VPN', 'Linux', 'netsh')
        }
    }
}
