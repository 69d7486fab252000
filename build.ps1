<#
.SYNOPSIS
    Build, test and package the IpSecPolicy module (for people who have pwsh).
.EXAMPLE
    ./build.ps1 -Task Package
    Builds in Release and copies the module folder to artifacts/IpSecPolicy.
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
        "Module folder: $target (Import-Module ./$target/IpSecPolicy.psd1)"
    }
}
if ($LASTEXITCODE) { exit $LASTEXITCODE }
