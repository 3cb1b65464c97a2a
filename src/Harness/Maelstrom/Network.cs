using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>
/// Maelstrom's simulated network (net.clj). Sending assigns the next global id, checks that
/// both ends are registered, journals a send and queues the message for its receiver by
/// deadline (now + latency; zero when a client is involved). Each node has one delivery loop
/// that takes the earliest-deadline message as soon as there is one, drops it for good if
/// the receiver has the sender in its partition set at that moment, and otherwise waits
/// until the deadline, journals a recv and writes it to the node. Clients read their
/// mailbox only while waiting for a reply.
/// </summary>
public sealed class Network
{
    private readonly IScheduler _clock;
    private readonly Latency _latency;
    private readonly Prng _rng;
    private readonly RunLog _log;
    private readonly bool _logSend;
    private readonly bool _logRecv;
    private readonly Dictionary<string, IMailbox> _boxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _partitions = new(StringComparer.Ordinal);
    private readonly List<NetEvent> _journal = [];
    private long _lastId = -1;

    private readonly Action<string, ClientReply> _clientReplies;

    /// <summary>A network on <paramref name="clock"/>; latencies drawn from
    /// <paramref name="rng"/>; a client that reads the reply it awaits hands it, with its
    /// id, to <paramref name="clientReplies"/>.</summary>
    public Network(IScheduler clock, Latency latency, Prng rng, RunLog log, bool logSend,
        bool logRecv, Action<string, ClientReply>? clientReplies = null)
    {
        (_clock, _latency, _rng, _log) = (clock, latency, rng, log);
        (_logSend, _logRecv) = (logSend, logRecv);
        _clientReplies = clientReplies ?? ((_, _) => { });
    }

    /// <summary>How many messages' bodies the journal keeps (the first ones): enough for the
    /// run report's message diagram, which is drawn only for runs this small; keeping every
    /// body would hold a long run's messages in memory to the end.</summary>
    public const int BodiesKept = 1500;

    /// <summary>The network journal: every send and recv, in order, with its run time; the
    /// first <see cref="BodiesKept"/> sends also keep their body.</summary>
    public IReadOnlyList<NetEvent> Journal => _journal;

    /// <summary>Messages dropped at dequeue because of a partition.</summary>
    public long Dropped { get; private set; }

    /// <summary>Messages sent and neither received nor dropped yet.</summary>
    public long InFlight => _sends - _recvs - Dropped;

    private long _sends;
    private long _recvs;

    /// <summary>Whether <paramref name="id"/> is registered (a live node, client or
    /// service).</summary>
    public bool Knows(string id) => _boxes.ContainsKey(id);

    /// <summary>Registers a node (or service) whose delivery loop hands messages to
    /// <paramref name="deliver"/>.</summary>
    public void AddNode(string id, Action<NetMessage> deliver) =>
        _boxes[id] = new NodeLoop(this, id, deliver);

    /// <summary>Registers a client mailbox.</summary>
    public void AddClient(string id, string thread) =>
        _boxes[id] = new ClientMailbox(this, id, thread);

    /// <summary>Client <paramref name="client"/> waits for the reply whose
    /// <c>in_reply_to</c> is <paramref name="msgId"/>; the client-reply handler gets it.
    /// </summary>
    public void Await(string client, long msgId) => Mailbox(client).Await(msgId);

    /// <summary>Client <paramref name="client"/> stops waiting (its request timed out).
    /// </summary>
    public void GiveUp(string client) => Mailbox(client).GiveUp();

    private ClientMailbox Mailbox(string client) => (ClientMailbox)_boxes[client];

    /// <summary>Unregisters an id (a closed client); later sends to it are invalid.</summary>
    public void Remove(string id) => _boxes.Remove(id);

    /// <summary>
    /// Sends a message. Returns null, or Maelstrom's reason when src or dest is not
    /// registered (the id is used up either way, as in net.clj). A client-bound message may
    /// come with its body already read (<paramref name="reply"/>).
    /// </summary>
    public string? Send(string src, string dest, string bodyJson, string thread,
        ReplyBody? reply = null)
    {
        var message = new NetMessage(++_lastId, src, dest, bodyJson);
        if (!_boxes.ContainsKey(src)) return $"Invalid source for message {Describe(message)}";
        if (!_boxes.TryGetValue(dest, out var box))
            return $"Invalid dest for message {Describe(message)}";
        var latencyMs = Ids.IsClient(src) || Ids.IsClient(dest)
            ? 0 : _latency.DrawMs(_rng);
        _journal.Add(new NetEvent(message.Id, true, src, dest, _clock.NowNs,
            _sends < BodiesKept ? bodyJson : null));
        _sends++;
        if (_logSend)
            _log.Info(_clock.NowNs, thread, JepsenLog.NetLogger,
                JepsenLog.NetMessageText(true, message));
        box.Put(message, _clock.NowNs + latencyMs * 1_000_000, reply);
        return null;
    }

    /// <summary>Applies a grudge: each node also drops messages from the listed nodes.</summary>
    public void Drop(SortedGrudge grudge)
    {
        foreach (var (dest, sources) in grudge.Entries)
        {
            if (!_partitions.TryGetValue(dest, out var set))
                _partitions[dest] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(sources);
        }
    }

    /// <summary>Heals every partition.</summary>
    public void Heal() => _partitions.Clear();

    /// <summary>Maelstrom's <c>pr-str</c> of the message record.</summary>
    public static string Describe(NetMessage m) => MessageEdn.PrStr(m);

    private bool Partitioned(string dest, string src) =>
        _partitions.TryGetValue(dest, out var set) && set.Contains(src);

    private void Received(NetMessage m, string thread)
    {
        _journal.Add(new NetEvent(m.Id, false, m.Src, m.Dest, _clock.NowNs));
        _recvs++;
        if (_logRecv)
            _log.Info(_clock.NowNs, thread, JepsenLog.NetLogger,
                JepsenLog.NetMessageText(false, m));
    }

    private interface IMailbox
    {
        void Put(NetMessage message, long deadlineNs, ReplyBody? reply);
    }

    /// <summary>
    /// A node's queue and its single delivery loop. An idle loop takes a message the moment
    /// it is queued (Maelstrom's loop is blocked in <c>poll</c>), checks the partition then,
    /// and holds it until its deadline; delivery itself always happens in a scheduled action,
    /// never inside the sender's step.
    /// </summary>
    private sealed class NodeLoop(Network net, string id, Action<NetMessage> deliver) : IMailbox
    {
        private readonly PriorityQueue<NetMessage, (long Deadline, long Id)> _queue = new();
        private bool _holding;

        public void Put(NetMessage message, long deadlineNs, ReplyBody? reply)
        {
            _queue.Enqueue(message, (deadlineNs, message.Id));
            if (!_holding) Take();
        }

        /// <summary>Takes the head: dropped if partitioned, else held until its deadline.</summary>
        private void Take()
        {
            while (_queue.TryDequeue(out var m, out var key))
            {
                if (net.Partitioned(id, m.Src))
                {
                    net.Dropped++;
                    continue;
                }
                _holding = true;
                net._clock.At(key.Deadline, () => Deliver(m));
                return;
            }
        }

        private void Deliver(NetMessage m)
        {
            net.Received(m, id + " stdin");
            deliver(m);
            _holding = false;
            Take();
        }
    }

    /// <summary>
    /// A client's mailbox (client.clj): read only while the client waits for the reply to
    /// its one outstanding request; replies to other requests are read and skipped.
    /// </summary>
    /// <remarks>
    /// Mutable, like <see cref="NodeLoop"/>: it is a queue on the network's delivery path
    /// (filled by every message to the client, drained while the client waits), and it is
    /// private to the network, which is the run's one mutable shell around the simulated
    /// wire. Nothing outside sees it: the run's state names clients by id only (the pending-
    /// call table, <see cref="Engine.ClientLink"/>), so <see cref="Engine.RunState"/> holds
    /// no mutable object. An immutable mailbox would be a record replaced in the network's
    /// table on each put and take, the same mutation moved one level up.
    /// </remarks>
    private sealed class ClientMailbox : IMailbox
    {
        private readonly Network _net;
        private readonly Queue<(NetMessage Message, ReplyBody? Body)> _queue = new();
        private readonly string _thread;
        private long? _awaiting;
        private bool _draining;

        public ClientMailbox(Network net, string id, string thread) =>
            (_net, Id, _thread) = (net, id, thread);

        /// <summary>The client id (<c>c12</c>).</summary>
        public string Id { get; }

        void IMailbox.Put(NetMessage message, long deadlineNs, ReplyBody? reply)
        {
            _queue.Enqueue((message, reply));
            Wake();
        }

        /// <summary>Waits for the reply whose <c>in_reply_to</c> is
        /// <paramref name="msgId"/>; the network's client-reply handler gets it.</summary>
        public void Await(long msgId)
        {
            _awaiting = msgId;
            Wake();
        }

        /// <summary>Stops waiting (the request timed out).</summary>
        public void GiveUp() => _awaiting = null;

        private void Wake()
        {
            if (_awaiting is null || _draining || _queue.Count == 0) return;
            _draining = true;
            _net._clock.Post(Drain);
        }

        private void Drain()
        {
            _draining = false;
            while (_awaiting is { } want && _queue.TryDequeue(out var queued))
            {
                var (m, read) = queued;
                _net.Received(m, _thread);
                var body = read ?? ReplyBody.Parse(m.BodyJson);
                if (body.InReplyTo != want) continue;
                GiveUp();
                _net._clientReplies(Id, new ClientReply(m, body));
            }
        }
    }
}
