# The 60-second tour: a host-to-host policy with a pre-shared key, assigned, then shown.
# Run it with: dotnet run --project src/IpSecPolicy/IpSecPolicy.Shell
$policy = New-IpSecPolicy -Name 'Tour' -Description 'Host-to-host with the partner server' -MainModeSecurityMethod 'AES256-SHA256-14', 'AES128-SHA1-14'
Enable-IpSecPolicy -Name 'Tour'
Get-IpSecPolicy
