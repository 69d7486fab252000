# Demo step, run inside one namespace: stop the engine (it deletes its SAs and tells the peer).
Stop-IpSecEngine -Force -PassThru | ForEach-Object { "Engine $($_.ProcessId) stopped." }
