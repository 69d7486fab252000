<#
.SYNOPSIS
    Build, test and package the IpSecPolicy module (for people who have pwsh).
.EXAMPLE
    ./build.ps1 -Task Package
    Builds in Release, copies the module folder to artifacts/IpSecPolicy and publishes the engine
    into its engine/ folder, where Start-IpSecEngine finds it.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

switch ($Task) {
    'Build' { dotnet build IpSecPolicy.sln --configuration $Configuration }
    'Test' { dotnet test IpSecPolicy.sln --configuration $Configuration }
    'Package' {
        dotnet build src/IpSecPolicy/IpSecPolicy.Commands --configuration $Configuration
        $output = "src/IpSecPolicy/IpSecPolicy.Commands/bin/$Configuration/netstandard2.0"
        $target = 'artifacts/IpSecPolicy'
        Remove-Item $target -Recurse -Force -ErrorAction Ignore
        New-Item -ItemType Directory $target | Out-Null
        Copy-Item "$output/*" $target -Recurse
        Get-ChildItem $target -Filter *.pdb | Remove-Item
        # The engine (net10.0, Linux) beside the netstandard2.0 module: Start-IpSecEngine looks in engine/.
        dotnet publish src/Engine/Engine.Host --configuration $Configuration --output "$target/engine"
        if ($LASTEXITCODE) { exit $LASTEXITCODE }
        Get-ChildItem "$target/engine" -Filter *.pdb | Remove-Item
        "Module folder: $target (Import-Module ./$target/IpSecPolicy.psd1); engine: $target/engine"
    }
}
if ($LASTEXITCODE) { exit $LASTEXITCODE }
