/**
 * One call's media: an RTP stream of 20 ms G.711 frames on one UDP port.
 *
 * Sending: a single schedule per session, frame n due at start + n × 20 ms on the monotonic clock
 * (process.hrtime), so timer lateness never accumulates as drift. Each slot sends one packet, taken in
 * this order: a DTMF packet being sent, the current prompt, audio relayed from a bridged leg, then
 * silence (idle 'silence', the default, keeps the stream going between prompts — trunks drop calls
 * without RTP and NAT bindings expire) or nothing (idle 'quiet': the stream stops and the next packet's
 * timestamp jumps by the silent time, with the marker bit). Every slot advances the timestamp by 160,
 * every packet the sequence number by 1, under one random SSRC for the session's life.
 *
 * Receiving: G.711 frames (either law, converted to the session's) go to the recording and to the
 * 'audio' event; telephone-events become 'dtmf' digits, once per press.
 */
import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { isIPv4, isIPv6 } from 'node:net';
import { DtmfReceiver, dtmfFrequencies, telephoneEventPayloads } from './dtmf.ts';
import { type Law, PAYLOAD_TYPE, SILENCE_BYTE, silence, tone, transcode } from './g711.ts';
import { openRtpPort, type PortRange, type RtpPort } from './ports.ts';
import { Recorder, type Recording } from './recorder.ts';
import { RelayBuffer } from './relay-buffer.ts';
import { decodeRtp, encodeRtp, type RtpPacket } from './rtp.ts';

export type Remote = { address: string; port: number };
export type PlayResult = 'done' | 'interrupted' | 'closed';

export type RtpSessionOptions = {
  /** Local address to bind (config.telephony.host). */
  host: string;
  /** config.telephony.rtpPorts */
  ports: PortRange;
  law: Law;
  payloadType: 0 | 8;
  dtmfPayloadType: number | null;
  /** From the SDP; null, 0.0.0.0 or port 0 means: learn it from the first packet received. */
  remote: Remote | null;
  /** Between prompts: 'silence' (default) keeps sending silence frames, 'quiet' sends nothing. */
  idle?: 'silence' | 'quiet';
  /** Also take the first packet's source when the SDP address looks usable (callers behind NAT). */
  latch?: boolean;
  /** How many send times stats() keeps (default 3000, one minute). */
  sendTimesKept?: number;
  /** Longest recording kept, in ms (default 10 minutes); later audio is dropped. */
  maxRecordingMs?: number;
};

export type RtpSessionEvents = {
  /** A key press ('0'–'9', '*', '#', 'A'–'D'), once per press. */
  dtmf: [digit: string];
  /** A received audio frame, in the session's law. */
  audio: [payload: Buffer, packet: RtpPacket];
  /** The remote address was learned from a received packet (symmetric RTP). */
  remote: [remote: Remote];
  close: [];
};

export type { Recording } from './recorder.ts';

export type RtpStats = {
  packetsSent: number;
  packetsReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Datagrams that were not RTP or not a payload type of this session. */
  packetsIgnored: number;
  dtmfReceived: number;
  /** Times the schedule was shifted because the event loop was more than 100 ms late… */
  scheduleShifts: number;
  /** …and by how much in all (ms): the stream's wall-clock length beyond its audio. */
  scheduleShiftedMs: number;
  /** Monotonic send times (ms, process.hrtime) of the last packets, oldest first. */
  sendTimesMs: number[];
  /** Monotonic time of the last received packet, null before the first. */
  lastReceivedMs: number | null;
};

const FRAME_MS = 20;
const FRAME_BYTES = 160;
/** A timer firing this early (libuv rounds to whole ms) still sends the frame. */
const EARLY_TOLERANCE_MS = 1;
/** Catching up, frames go out at least this far apart. */
const MIN_SPACING_MS = FRAME_MS / 2;
/** Behind by more than this many frames, the schedule is shifted instead of caught up. */
const MAX_BACKLOG_FRAMES = 5;

/** Shared, never written: encodeRtp copies the payload into each packet. */
const SILENCE_FRAME: Record<Law, Buffer> = {
  ulaw: silence(FRAME_MS, 'ulaw'),
  alaw: silence(FRAME_MS, 'alaw'),
};

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

type PlayItem = { data: Buffer; offset: number; interruptible: boolean; resolve: (r: PlayResult) => void };
type DtmfItem = {
  kind: 'event' | 'audio';
  payload: Buffer;
  marker: boolean;
  first: boolean;
  done?: () => void;
};

export class RtpSession extends EventEmitter<RtpSessionEvents> {
  readonly law: Law;
  readonly payloadType: 0 | 8;
  readonly dtmfPayloadType: number | null;
  readonly host: string;
  readonly port: number;

  private readonly rtp: RtpPort;
  private readonly idle: 'silence' | 'quiet';
  private remoteAddress: Remote | null;
  private latchPending: boolean;
  private closedFlag = false;

  // Outgoing stream.
  private readonly ssrc = randomInt(0, 2 ** 32);
  private sequence = randomInt(0, 2 ** 16);
  private timestamp = randomInt(0, 2 ** 32);
  private eventTimestamp = 0;
  private running = false;
  private started = false;
  private bridged = false;
  private timer: NodeJS.Timeout | null = null;
  private gridStart = 0;
  private frame = 0;
  private lastSendMs = Number.NEGATIVE_INFINITY;
  private markerNext = true;
  private lastSlotPlayed = false;
  private lastSlot: { ms: number; timestamp: number } | null = null;
  private readonly plays: PlayItem[] = [];
  private readonly dtmfOut: DtmfItem[] = [];
  private readonly relayed = new RelayBuffer();

  // Incoming stream.
  private readonly dtmfIn = new DtmfReceiver();
  private recording: Recorder | null = null;
  private readonly maxRecordingBytes: number;

  // Statistics.
  private readonly counters = {
    packetsSent: 0,
    packetsReceived: 0,
    bytesSent: 0,
    bytesReceived: 0,
    packetsIgnored: 0,
    dtmfReceived: 0,
    scheduleShifts: 0,
    scheduleShiftedMs: 0,
  };
  private readonly sendTimes: Float64Array;
  private sendTimesCount = 0;
  private lastReceivedMs: number | null = null;

  /** Binds an even port of the range and starts receiving. */
  static async open(options: RtpSessionOptions): Promise<RtpSession> {
    const rtp = await openRtpPort(options.host, options.ports);
    return new RtpSession(options, rtp);
  }

  private constructor(options: RtpSessionOptions, rtp: RtpPort) {
    super();
    this.rtp = rtp;
    this.law = options.law;
    this.payloadType = options.payloadType;
    this.dtmfPayloadType = options.dtmfPayloadType;
    this.host = options.host;
    this.port = rtp.port;
    this.idle = options.idle ?? 'silence';
    this.remoteAddress = this.usable(options.remote) ? options.remote : null;
    this.latchPending = this.remoteAddress === null || options.latch === true;
    this.sendTimes = new Float64Array(Math.max(1, options.sendTimesKept ?? 3000));
    this.maxRecordingBytes = (options.maxRecordingMs ?? 600_000) * 8;
    rtp.socket.on('message', (data, from) => this.receive(data, from));
    // A send to an unreachable port can surface as a socket error; media must not crash the server.
    rtp.socket.on('error', () => {});
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Where packets go; null while unknown (waiting for the first packet) or on hold. */
  get remote(): Remote | null {
    return this.remoteAddress;
  }

  /** A new remote from a re-INVITE (hold with 0.0.0.0, or a move). */
  updateRemote(remote: Remote | null): void {
    this.remoteAddress = this.usable(remote) ? remote : null;
    this.latchPending = this.remoteAddress === null;
  }

  /** Starts the outgoing stream (silence until something is played) without waiting for a prompt. */
  start(): void {
    this.started = true;
    this.ensureRunning();
  }

  /**
   * Plays raw G.711 in the session's law, after any prompt already queued. Resolves 'done' once its
   * last frame is sent, 'interrupted' on stopPlayback() (or a key press when interruptible), 'closed'
   * when the session closes first.
   */
  play(g711: Buffer, options: { interruptible?: boolean } = {}): Promise<PlayResult> {
    if (this.closedFlag) return Promise.resolve('closed');
    if (g711.length === 0) return Promise.resolve('done');
    return new Promise((resolve) => {
      this.plays.push({ data: g711, offset: 0, interruptible: options.interruptible ?? false, resolve });
      this.started = true;
      this.ensureRunning();
    });
  }

  /** A 400 ms 1 kHz tone (before recording a message). */
  beep(): Promise<PlayResult> {
    return this.play(tone([1000], 400, this.law, 0.3));
  }

  /** Stops the current prompt and drops the queued ones (they resolve 'interrupted'). */
  stopPlayback(): void {
    for (const item of this.plays.splice(0)) item.resolve('interrupted');
  }

  /** Whether a prompt is playing or queued. */
  get playing(): boolean {
    return this.plays.length > 0;
  }

  /**
   * Sends a key press: RFC 4733 telephone-events when the remote accepted them, otherwise the in-band
   * dual tone. Resolves when its last packet is sent.
   */
  sendDtmf(digit: string, durationMs = 100): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      const items: DtmfItem[] =
        this.dtmfPayloadType === null
          ? frames(
              Buffer.concat([tone(dtmfFrequencies(digit), durationMs, this.law, 0.2), silence(60, this.law)]),
              this.law,
            ).map((payload) => ({ kind: 'audio' as const, payload, marker: false, first: false }))
          : telephoneEventPayloads(digit, durationMs).map((p, i) => ({
              kind: 'event' as const,
              ...p,
              first: i === 0,
            }));
      items[items.length - 1]!.done = resolve;
      this.dtmfOut.push(...items);
      this.started = true;
      this.ensureRunning();
    });
  }

  /** Starts collecting received audio (any previous recording is dropped). */
  startRecording(): void {
    this.recording = new Recorder(this.law, this.maxRecordingBytes);
  }

  /**
   * The audio received since startRecording(), in sequence order: duplicates dropped, short losses
   * filled with silence of the same length. Works after close() too (a caller hanging up mid-message).
   */
  stopRecording(): Recording {
    const recording = this.recording;
    this.recording = null;
    return recording ? recording.finish() : { law: this.law, payload: Buffer.alloc(0), durationMs: 0 };
  }

  /** Bridging (relay.ts): while on, the stream never stops and relayed audio fills the idle slots. */
  setBridged(on: boolean): void {
    this.bridged = on;
    this.relayed.clear();
    if (on) {
      this.started = true;
      this.markerNext = true;
      this.ensureRunning();
    }
  }

  /** Audio from the other leg of a bridge, already in this session's law; sent at this stream's pace. */
  relayAudio(payload: Buffer): void {
    if (!this.bridged || this.closedFlag) return;
    this.relayed.push(payload);
  }

  stats(): RtpStats {
    const kept = Math.min(this.sendTimesCount, this.sendTimes.length);
    const sendTimesMs: number[] = [];
    for (let i = this.sendTimesCount - kept; i < this.sendTimesCount; i++) {
      sendTimesMs.push(this.sendTimes[i % this.sendTimes.length]!);
    }
    return { ...this.counters, sendTimesMs, lastReceivedMs: this.lastReceivedMs };
  }

  /** Stops sending and receiving, frees the port; pending prompts resolve 'closed'. Idempotent. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.stopLoop();
    for (const item of this.plays.splice(0)) item.resolve('closed');
    for (const item of this.dtmfOut.splice(0)) item.done?.();
    this.rtp.close();
    this.emit('close');
  }

  // ——— sending ———

  private ensureRunning(): void {
    if (this.running || this.closedFlag) return;
    this.running = true;
    const now = nowMs();
    if (this.lastSlot) {
      // The stream was quiet: the next timestamp says how long, and the marker bit that it restarts.
      const slots = Math.max(1, Math.round((now - this.lastSlot.ms) / FRAME_MS));
      this.timestamp = (this.lastSlot.timestamp + slots * FRAME_BYTES) >>> 0;
    }
    this.markerNext = true;
    this.gridStart = now;
    this.frame = 0;
    this.tick();
  }

  private stopLoop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly tick = (): void => {
    this.timer = null;
    if (!this.running) return;
    const now = nowMs();
    let due = Math.floor((now + EARLY_TOLERANCE_MS - this.gridStart) / FRAME_MS) + 1 - this.frame;
    if (due > MAX_BACKLOG_FRAMES) {
      // The event loop stalled: shift the schedule rather than burst the missed frames out.
      this.counters.scheduleShifts++;
      const shifted = now - this.frame * FRAME_MS;
      this.counters.scheduleShiftedMs += shifted - this.gridStart;
      this.gridStart = shifted;
      due = 1;
    }
    if (due >= 1) {
      if (!this.sendSlot(this.gridStart + this.frame * FRAME_MS)) {
        this.stopLoop();
        return;
      }
      this.frame++;
      this.lastSendMs = nowMs();
    }
    if (!this.running) return;
    // Behind schedule, frames go out at most twice as fast as normal (10 ms apart), never in a burst.
    const after = nowMs();
    const next = Math.max(this.gridStart + this.frame * FRAME_MS, this.lastSendMs + MIN_SPACING_MS);
    this.timer = setTimeout(this.tick, Math.max(0, Math.round(next - after)));
  };

  /** Sends the packet of one 20 ms slot; false when there is nothing to send (quiet idle). */
  private sendSlot(slotMs: number): boolean {
    let payloadType: number = this.payloadType;
    let payload: Buffer;
    let timestamp = this.timestamp;
    let marker = this.markerNext;
    const dtmf = this.dtmfOut.shift();
    const play = this.plays[0];
    if (dtmf) {
      if (dtmf.kind === 'event') {
        if (dtmf.first) this.eventTimestamp = this.timestamp;
        payloadType = this.dtmfPayloadType ?? 101;
        timestamp = this.eventTimestamp;
        marker = dtmf.marker;
      }
      payload = dtmf.payload;
      dtmf.done?.();
    } else if (play) {
      // A prompt after silence (not one following another) starts a talkspurt.
      if (play.offset === 0 && !this.lastSlotPlayed) marker = true;
      payload = play.data.subarray(play.offset, play.offset + FRAME_BYTES);
      if (payload.length < FRAME_BYTES) payload = pad(payload, this.law);
      play.offset += FRAME_BYTES;
      if (play.offset >= play.data.length) {
        this.plays.shift();
        play.resolve('done');
      }
    } else if (this.bridged) {
      payload = this.relayed.take() ?? SILENCE_FRAME[this.law];
    } else if (this.idle === 'silence' && this.started) {
      payload = SILENCE_FRAME[this.law];
    } else {
      return false;
    }
    this.markerNext = false;
    this.lastSlotPlayed = !dtmf && play !== undefined;
    this.lastSlot = { ms: slotMs, timestamp: this.timestamp };
    this.timestamp = (this.timestamp + FRAME_BYTES) >>> 0;
    this.sequence = (this.sequence + 1) & 0xffff;
    const remote = this.remoteAddress;
    // Without a usable remote (hold, or not yet learned) the slot passes silently: prompts keep time.
    if (!remote) return true;
    const packet = encodeRtp({
      marker,
      payloadType,
      sequence: this.sequence,
      timestamp,
      ssrc: this.ssrc,
      payload,
    });
    this.rtp.socket.send(packet, remote.port, remote.address, () => {});
    this.counters.packetsSent++;
    this.counters.bytesSent += packet.length;
    this.sendTimes[this.sendTimesCount % this.sendTimes.length] = nowMs();
    this.sendTimesCount++;
    return true;
  }

  // ——— receiving ———

  private receive(data: Buffer, from: { address: string; port: number }): void {
    if (this.closedFlag) return;
    const packet = decodeRtp(data);
    const pt = packet?.payloadType;
    if (!packet || (pt !== 0 && pt !== 8 && pt !== this.dtmfPayloadType)) {
      this.counters.packetsIgnored++;
      return;
    }
    this.counters.packetsReceived++;
    this.counters.bytesReceived += data.length;
    this.lastReceivedMs = nowMs();
    if (this.latchPending) {
      this.latchPending = false;
      this.remoteAddress = { address: from.address, port: from.port };
      this.emit('remote', this.remoteAddress);
    }
    if (pt === this.dtmfPayloadType) {
      const digit = this.dtmfIn.receive(packet);
      if (digit === null) return;
      this.counters.dtmfReceived++;
      this.emit('dtmf', digit);
      // A key press cuts the prompts that allow it (barge-in).
      for (let i = this.plays.length - 1; i >= 0; i--) {
        const item = this.plays[i]!;
        if (!item.interruptible) continue;
        this.plays.splice(i, 1);
        item.resolve('interrupted');
      }
      return;
    }
    const law: Law = pt === PAYLOAD_TYPE.ulaw ? 'ulaw' : 'alaw';
    const payload = law === this.law ? packet.payload : transcode(packet.payload, law, this.law);
    this.recording?.add(packet, payload);
    this.emit('audio', payload, packet);
  }

  private usable(remote: Remote | null): remote is Remote {
    if (!remote || !Number.isInteger(remote.port) || remote.port <= 0 || remote.port > 65535) return false;
    if (remote.address === '0.0.0.0' || remote.address === '::') return false;
    return isIPv6(this.host) ? isIPv6(remote.address) : isIPv4(remote.address);
  }
}

function pad(payload: Buffer, law: Law): Buffer {
  const out = Buffer.alloc(FRAME_BYTES, SILENCE_BYTE[law]);
  payload.copy(out);
  return out;
}

function frames(audio: Buffer, law: Law): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < audio.length; i += FRAME_BYTES) {
    const frame = audio.subarray(i, i + FRAME_BYTES);
    out.push(frame.length < FRAME_BYTES ? pad(frame, law) : frame);
  }
  return out;
}
