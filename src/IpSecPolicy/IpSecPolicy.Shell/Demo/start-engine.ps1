# Demo step, run inside one namespace: start the engine on the namespace's adapter.
param([string] $Interface, [string] $StateDirectory)
$engine = Start-IpSecEngine -InterfaceAlias $Interface -StateDirectory $StateDirectory -PassThru
"Engine $($engine.ProcessId) enforces '$($engine.Policy)' on $Interface ($($engine.Addresses -join ', '))."
