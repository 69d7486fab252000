using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;
using static Engine.L2tp.Tests.Ppp.Negotiation.AutomatonHarness;

namespace Engine.L2tp.Tests.Ppp.Negotiation;

/// <summary>The RFC 1661 section 4.1 state transition table, row by row where it matters.</summary>
public sealed class AutomatonTests
{
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(3);

    [Fact]
    public void Up_then_Open_goes_through_Closed_and_sends_a_request()
    {
        using var harness = new AutomatonHarness();
        harness.Do(automaton => automaton.Up());
        Assert.Equal(AutomatonState.Closed, harness.State);
        Assert.Empty(harness.Sent);

        harness.Do(automaton => automaton.Open());

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Equal(PppControlCode.ConfigureRequest, CodeOf(harness.LastSent));
        Assert.Empty(harness.Actions);
    }

    [Fact]
    public void Open_then_Up_starts_the_lower_layer_first()
    {
        using var harness = new AutomatonHarness();
        harness.Do(automaton => automaton.Open());
        Assert.Equal(AutomatonState.Starting, harness.State);
        Assert.Equal(["tls"], harness.Actions);

        harness.Do(automaton => automaton.Up());

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Single(harness.Sent);
    }

    [Fact]
    public void Their_request_first_then_our_ack_opens_via_Ack_Sent()
    {
        using var harness = new AutomatonHarness();
        var request = harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 9, Option(2, 1)));
        Assert.Equal(AutomatonState.AckSent, harness.State);
        Assert.Equal(Packet(PppControlCode.ConfigureAck, 9, Option(2, 1)), harness.LastSent);

        harness.Receive(AckOf(request));

        Assert.Equal(AutomatonState.Opened, harness.State);
        Assert.Equal(["tlu"], harness.Actions);
        Assert.Equal(1, harness.Negotiator.Accepted);
        Assert.Equal(1, harness.Negotiator.Acknowledged);
    }

    [Fact]
    public void Our_ack_first_then_their_request_opens_via_Ack_Rcvd()
    {
        using var harness = new AutomatonHarness();
        var request = harness.StartNegotiating();

        harness.Receive(AckOf(request));
        Assert.Equal(AutomatonState.AckReceived, harness.State);

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 3, Option(2, 1)));

        Assert.Equal(AutomatonState.Opened, harness.State);
        Assert.Equal(["tlu"], harness.Actions);
    }

    [Fact]
    public void A_bad_request_is_naked_and_the_state_stays_where_the_table_says()
    {
        using var harness = new AutomatonHarness();
        harness.Negotiator.NakTypes.Add(2);
        var request = harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 4, Option(2, 1)));
        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Equal(Packet(PppControlCode.ConfigureNak, 4, Option(2, 0x55)), harness.LastSent);

        harness.Receive(AckOf(request));
        harness.Receive(Packet(PppControlCode.ConfigureRequest, 5, Option(2, 1)));

        Assert.Equal(AutomatonState.AckReceived, harness.State);
    }

    [Fact]
    public void Rejected_options_are_sent_alone_even_when_others_would_be_naked()
    {
        using var harness = new AutomatonHarness();
        harness.Negotiator.NakTypes.Add(2);
        harness.Negotiator.RejectTypes.Add(3);
        harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 4, [.. Option(2, 1), .. Option(3, 7, 7)]));

        Assert.Equal(Packet(PppControlCode.ConfigureReject, 4, Option(3, 7, 7)), harness.LastSent);
    }

    [Fact]
    public void After_max_failure_naks_the_options_are_rejected_instead()
    {
        using var harness = new AutomatonHarness();
        harness.Negotiator.NakTypes.Add(2);
        harness.StartNegotiating();

        for (byte id = 1; id <= 5; id++)
        {
            harness.Receive(Packet(PppControlCode.ConfigureRequest, id, Option(2, 1)));
            Assert.Equal(PppControlCode.ConfigureNak, CodeOf(harness.LastSent));
        }

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 6, Option(2, 1)));

        // RFC 1661 section 4.6: Max-Failure (5) Naks without an Ack, then Configure-Reject.
        Assert.Equal(Packet(PppControlCode.ConfigureReject, 6, Option(2, 1)), harness.LastSent);
    }

    [Fact]
    public void After_max_failure_a_nak_of_hints_only_becomes_an_ack()
    {
        using var harness = new AutomatonHarness();
        harness.Negotiator.HintType = 3;
        harness.StartNegotiating();

        for (byte id = 1; id <= 5; id++)
        {
            harness.Receive(Packet(PppControlCode.ConfigureRequest, id, Option(2, 1)));
            Assert.Equal(Packet(PppControlCode.ConfigureNak, id, Option(3, 0x66)), harness.LastSent);
        }

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 6, Option(2, 1)));

        // Rejecting an option the peer never sent would be discarded by it (RFC 1661 5.4).
        Assert.Equal(Packet(PppControlCode.ConfigureAck, 6, Option(2, 1)), harness.LastSent);
        Assert.Equal(AutomatonState.AckSent, harness.State);
    }

    [Fact]
    public void Sending_an_ack_resets_the_failure_count()
    {
        using var harness = new AutomatonHarness();
        harness.Negotiator.NakTypes.Add(2);
        harness.StartNegotiating();
        for (byte id = 1; id <= 4; id++)
        {
            harness.Receive(Packet(PppControlCode.ConfigureRequest, id, Option(2, 1)));
        }

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 5, Option(9, 1)));
        Assert.Equal(PppControlCode.ConfigureAck, CodeOf(harness.LastSent));
        harness.Receive(Packet(PppControlCode.ConfigureRequest, 6, Option(2, 1)));

        Assert.Equal(PppControlCode.ConfigureNak, CodeOf(harness.LastSent));
    }

    [Fact]
    public void Retransmissions_repeat_the_request_with_its_identifier_every_restart_interval()
    {
        using var harness = new AutomatonHarness();
        var first = harness.StartNegotiating();

        harness.Advance(Restart - TimeSpan.FromMilliseconds(1));
        Assert.Single(harness.Sent);
        harness.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, harness.Sent.Count);
        Assert.Equal(first, harness.LastSent);
    }

    [Fact]
    public void Max_configure_requests_then_the_layer_finishes_in_Stopped()
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();

        harness.Advance(Restart * 9);
        Assert.Equal(10, harness.CountSent(PppControlCode.ConfigureRequest));
        Assert.Equal(AutomatonState.RequestSent, harness.State);
        harness.Advance(Restart);

        // RFC 1661 section 4.6: Max-Configure 10, then TO- gives tlf and Stopped.
        Assert.Equal(10, harness.CountSent(PppControlCode.ConfigureRequest));
        Assert.Equal(AutomatonState.Stopped, harness.State);
        Assert.Equal(["tlf:NegotiationTimeout"], harness.Actions);
    }

    [Fact]
    public void Settings_change_the_counters()
    {
        using var harness = new AutomatonHarness(new NegotiationSettings { MaxConfigure = 3, RestartInterval = TimeSpan.FromSeconds(1) });
        harness.StartNegotiating();

        harness.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(3, harness.CountSent(PppControlCode.ConfigureRequest));
        Assert.Equal(AutomatonState.Stopped, harness.State);
    }

    [Fact]
    public void An_ack_that_does_not_match_our_request_is_discarded()
    {
        using var harness = new AutomatonHarness();
        var request = harness.StartNegotiating();

        var wrongIdentifier = AckOf(request);
        wrongIdentifier[1]++;
        harness.Receive(wrongIdentifier);
        var wrongOptions = AckOf(request);
        wrongOptions[^1] ^= 0xFF;
        harness.Receive(wrongOptions);

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Equal(2, harness.Automaton.DiscardedPackets);
    }

    [Fact]
    public void A_second_ack_for_the_same_request_is_ignored()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();
        var sent = harness.Sent.Count;

        harness.Receive(AckOf(harness.Sent[0]));

        Assert.Equal(AutomatonState.Opened, harness.State);
        Assert.Equal(sent, harness.Sent.Count);
    }

    [Fact]
    public void A_nak_brings_a_new_request_with_a_new_identifier()
    {
        using var harness = new AutomatonHarness();
        var first = harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.ConfigureNak, IdentifierOf(first), Option(1, 9)));

        Assert.Equal(1, harness.Negotiator.NaksApplied);
        Assert.Equal(PppControlCode.ConfigureRequest, CodeOf(harness.LastSent));
        Assert.NotEqual(IdentifierOf(first), IdentifierOf(harness.LastSent));
        Assert.Equal(Option(1, 2), DataOf(harness.LastSent));
        Assert.Equal(AutomatonState.RequestSent, harness.State);
    }

    [Fact]
    public void A_reject_naming_options_we_never_sent_is_discarded()
    {
        using var harness = new AutomatonHarness();
        var first = harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.ConfigureReject, IdentifierOf(first), Option(7)));

        Assert.Equal(0, harness.Negotiator.RejectsApplied);
        Assert.Equal(1, harness.Automaton.DiscardedPackets);
    }

    [Fact]
    public void A_peer_that_never_agrees_ends_the_negotiation()
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();

        for (var i = 0; i < 11; i++)
        {
            harness.Receive(Packet(PppControlCode.ConfigureNak, IdentifierOf(harness.LastSent), Option(1, 9)));
        }

        Assert.Equal(PppControlCode.TerminateRequest, CodeOf(harness.LastSent));
        Assert.Equal(AutomatonState.Closing, harness.State);
        Assert.Equal(PppCloseReason.NegotiationFailed, harness.Automaton.FailureReason);
    }

    [Fact]
    public void A_negotiator_that_gives_up_closes_the_layer_with_its_reason()
    {
        using var harness = new AutomatonHarness();
        var first = harness.StartNegotiating();
        harness.Negotiator.NextOutcome = ScriptedNegotiator.Failure;

        harness.Receive(Packet(PppControlCode.ConfigureReject, IdentifierOf(first), DataOf(first)));
        Assert.Equal(AutomatonState.Closing, harness.State);
        harness.Receive(Packet(PppControlCode.TerminateAck, IdentifierOf(harness.LastSent)));

        Assert.Equal(AutomatonState.Closed, harness.State);
        Assert.Equal(["tlf:NegotiationFailed"], harness.Actions);
        Assert.Equal("scripted failure", harness.Automaton.FailureDetail);
    }

    [Fact]
    public void Close_when_open_sends_terminate_and_finishes_on_the_ack()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Do(automaton => automaton.Close("bye"));
        Assert.Equal(AutomatonState.Closing, harness.State);
        Assert.Equal(Packet(PppControlCode.TerminateRequest, IdentifierOf(harness.LastSent), "bye"u8.ToArray()), harness.LastSent);
        harness.Receive(Packet(PppControlCode.TerminateAck, IdentifierOf(harness.LastSent)));

        Assert.Equal(AutomatonState.Closed, harness.State);
        Assert.Equal(["tlu", "tld", "tlf:LocalClose"], harness.Actions);
    }

    [Fact]
    public void Close_without_an_answer_sends_max_terminate_requests_then_finishes()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Do(automaton => automaton.Close("bye"));
        harness.Advance(Restart);
        Assert.Equal(2, harness.CountSent(PppControlCode.TerminateRequest));
        Assert.Equal(AutomatonState.Closing, harness.State);
        harness.Advance(Restart);

        Assert.Equal(2, harness.CountSent(PppControlCode.TerminateRequest));
        Assert.Equal(AutomatonState.Closed, harness.State);
        Assert.Equal("tlf:LocalClose", harness.Actions[^1]);
    }

    [Fact]
    public void A_terminate_request_when_open_is_acked_and_finishes_after_one_restart_interval()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Receive(Packet(PppControlCode.TerminateRequest, 0x77));
        Assert.Equal(Packet(PppControlCode.TerminateAck, 0x77), harness.LastSent);
        Assert.Equal(AutomatonState.Stopping, harness.State);
        Assert.Equal("tld", harness.Actions[^1]);
        harness.Advance(Restart);

        // zrc: the restart count is zero, so the first timeout is TO-.
        Assert.Equal(AutomatonState.Stopped, harness.State);
        Assert.Equal("tlf:PeerTerminated", harness.Actions[^1]);
        Assert.Equal(0, harness.CountSent(PppControlCode.TerminateRequest));
    }

    [Fact]
    public void A_terminate_request_while_negotiating_is_acked_and_negotiation_goes_on()
    {
        using var harness = new AutomatonHarness();
        var request = harness.StartNegotiating();
        harness.Receive(AckOf(request));

        harness.Receive(Packet(PppControlCode.TerminateRequest, 0x10));

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Equal(PppControlCode.TerminateAck, CodeOf(harness.LastSent));
    }

    [Fact]
    public void In_Closed_every_configure_packet_is_answered_with_terminate_ack()
    {
        using var harness = new AutomatonHarness();
        harness.Do(automaton => automaton.Up());

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 5, Option(2, 1)));
        harness.Receive(Packet(PppControlCode.ConfigureAck, 6, Option(2, 1)));

        Assert.Equal([Packet(PppControlCode.TerminateAck, 5), Packet(PppControlCode.TerminateAck, 6)], harness.Sent);
        Assert.Equal(AutomatonState.Closed, harness.State);
    }

    [Fact]
    public void In_Stopped_a_request_restarts_negotiation()
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();
        harness.Advance(Restart * 10);
        Assert.Equal(AutomatonState.Stopped, harness.State);
        var resets = harness.Negotiator.Resets;

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 5, Option(2, 1)));

        // irc, scr, sca / Ack-Sent.
        Assert.Equal(AutomatonState.AckSent, harness.State);
        Assert.Equal(PppControlCode.ConfigureRequest, CodeOf(harness.Sent[^2]));
        Assert.Equal(PppControlCode.ConfigureAck, CodeOf(harness.LastSent));
        Assert.Equal(resets + 1, harness.Negotiator.Resets);
    }

    [Fact]
    public void A_new_request_when_open_renegotiates_from_scratch()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();
        var resets = harness.Negotiator.Resets;

        harness.Receive(Packet(PppControlCode.ConfigureRequest, 0x41, Option(1, 0xBB)));

        // tld, scr, sca / Ack-Sent.
        Assert.Equal(AutomatonState.AckSent, harness.State);
        Assert.Equal("tld", harness.Actions[^1]);
        Assert.Equal(resets + 1, harness.Negotiator.Resets);
        Assert.Equal(PppControlCode.ConfigureRequest, CodeOf(harness.Sent[^2]));
        Assert.Equal(PppControlCode.ConfigureAck, CodeOf(harness.LastSent));
    }

    [Fact]
    public void An_unknown_code_is_code_rejected_without_a_transition()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();
        var unknown = Packet(12, 0x33, 1, 2, 3);

        harness.Receive(unknown);

        Assert.Equal(PppControlCode.CodeReject, CodeOf(harness.LastSent));
        Assert.Equal(unknown, DataOf(harness.LastSent));
        Assert.Equal(AutomatonState.Opened, harness.State);
    }

    [Fact]
    public void A_code_reject_of_configure_request_is_catastrophic()
    {
        using var harness = new AutomatonHarness();
        var request = harness.StartNegotiating();

        harness.Receive(Packet(PppControlCode.CodeReject, 1, request));

        Assert.Equal(AutomatonState.Stopped, harness.State);
        Assert.Equal(["tlf:Rejected"], harness.Actions);
    }

    [Fact]
    public void A_code_reject_of_configure_request_when_open_terminates()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Receive(Packet(PppControlCode.CodeReject, 1, Packet(PppControlCode.ConfigureRequest, 1)));

        // tld, irc, str / Stopping.
        Assert.Equal(AutomatonState.Stopping, harness.State);
        Assert.Equal(PppControlCode.TerminateRequest, CodeOf(harness.LastSent));
    }

    [Fact]
    public void A_code_reject_of_an_extended_code_changes_nothing()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Receive(Packet(PppControlCode.CodeReject, 1, Packet(PppControlCode.EchoRequest, 1, 0, 0, 0, 0)));

        Assert.Equal(AutomatonState.Opened, harness.State);
    }

    [Fact]
    public void Protocol_rejected_while_negotiating_finishes_the_layer()
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();

        harness.Do(automaton => automaton.ProtocolRejected());

        Assert.Equal(AutomatonState.Stopped, harness.State);
        Assert.Equal(["tlf:Rejected"], harness.Actions);
    }

    [Fact]
    public void Down_when_open_goes_to_Starting_and_Up_negotiates_again()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();

        harness.Do(automaton => automaton.Down());
        Assert.Equal(AutomatonState.Starting, harness.State);
        Assert.Equal("tld", harness.Actions[^1]);
        harness.Advance(Restart * 5);
        var sent = harness.Sent.Count;
        harness.Do(automaton => automaton.Up());

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Equal(sent + 1, harness.Sent.Count);
    }

    [Fact]
    public void Open_while_closing_becomes_stopping()
    {
        using var harness = new AutomatonHarness();
        harness.OpenFully();
        harness.Do(automaton => automaton.Close("bye"));

        harness.Do(automaton => automaton.Open());

        Assert.Equal(AutomatonState.Stopping, harness.State);
    }

    [Fact]
    public void Close_while_starting_finishes_at_once()
    {
        using var harness = new AutomatonHarness();
        harness.Do(automaton => automaton.Open());

        harness.Do(automaton => automaton.Close("bye"));

        Assert.Equal(AutomatonState.Initial, harness.State);
        Assert.Equal(["tls", "tlf:LocalClose"], harness.Actions);
        Assert.Empty(harness.Sent);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 0 })]
    [InlineData(new byte[] { 1, 2, 0, 3 })]
    [InlineData(new byte[] { 1, 2, 0, 9, 1, 2 })]
    [InlineData(new byte[] { 1, 2, 0, 7, 1, 1, 0 })]
    [InlineData(new byte[] { 1, 2, 0, 7, 1, 9, 0 })]
    [InlineData(new byte[] { 7, 2, 0, 4 })]
    public void Malformed_packets_are_discarded_without_a_transition(byte[] packet)
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();

        harness.Receive(packet);

        Assert.Equal(AutomatonState.RequestSent, harness.State);
        Assert.Single(harness.Sent);
        Assert.Equal(1, harness.Automaton.DiscardedPackets);
    }

    [Fact]
    public void Bytes_beyond_the_length_field_are_padding()
    {
        using var harness = new AutomatonHarness();
        harness.StartNegotiating();

        harness.Receive([.. Packet(PppControlCode.ConfigureRequest, 5, Option(2, 1)), 0xEE, 0xEE]);

        Assert.Equal(Packet(PppControlCode.ConfigureAck, 5, Option(2, 1)), harness.LastSent);
    }
}
