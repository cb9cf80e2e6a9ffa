// A call, incoming or outgoing: answering an INVITE (provisional, 2xx retransmitted until the ACK,
// rejection, CANCEL), then the requests inside the dialog (BYE, re-INVITE, REFER and its NOTIFYs).
import { EventEmitter } from 'node:events';
import { type NameAddr, newTag, parseCSeq, parseNameAddr } from '../addresses.ts';
import { buildResponse, getHeader, getHeaders, type Header, type SipRequest } from '../message.ts';
import { requestWithAuth } from '../requests.ts';
import { type ServerTransaction, TimerSet } from '../transactions.ts';
import { allowedMethods, type CallHost, contactUri, Dialog, type DialogHandler } from './dialog.ts';
import { referHeaders, type TransferProgress, transferProgressOf } from './transfer.ts';

export type { TransferProgress };

export type CallDirection = 'incoming' | 'outgoing';

/** offered → (ringing) → answered (200 sent, waiting for the ACK) → established → ended. */
export type CallState = 'offered' | 'ringing' | 'answered' | 'established' | 'ended';

export type CallEndReason = 'bye' | 'cancel' | 'no-ack' | 'hangup' | 'rejected' | 'stopped';

export type CallEvents = {
  /** Incoming: the ACK for our 200 arrived. */
  confirmed: [];
  /** The other side hung up (BYE). */
  bye: [];
  /** The caller gave up before the answer (CANCEL; a 487 went back). */
  cancel: [];
  /** Always emitted once, last. */
  ended: [reason: CallEndReason];
  /** A NOTIFY about a REFER we sent. */
  'transfer-progress': [progress: TransferProgress];
  /** A re-INVITE (hold, session refresh) with its SDP; we answered with our SDP unchanged. */
  reinvite: [sdp: string];
  /** An INFO request (some trunks send DTMF this way). */
  info: [info: { contentType: string; body: string }];
};

type CallInit = {
  direction: CallDirection;
  invite: SipRequest;
  dialog: Dialog;
  state: CallState;
  remoteSdp: string;
  localSdp: string | null;
  inviteTx: ServerTransaction | null;
};

export class Call extends EventEmitter<CallEvents> implements DialogHandler {
  readonly direction: CallDirection;
  readonly callId: string;
  /** The INVITE's From (incoming: the caller; outgoing: us). */
  readonly from: NameAddr;
  /** The INVITE's To (incoming: the number dialled; outgoing: the callee). */
  readonly to: NameAddr;
  /** The initial INVITE, received or sent (for headers such as P-Asserted-Identity or Diversion). */
  readonly invite: SipRequest;
  remoteSdp: string;
  localSdp: string | null;
  state: CallState;
  private readonly dialog: Dialog;
  private readonly inviteTx: ServerTransaction | null;
  private readonly timers = new TimerSet();
  /** The CSeq of the INVITE whose 2xx we retransmit until its ACK. */
  private awaitingAck: number | null = null;
  private hangupWhenAcked = false;

  private constructor(
    private readonly host: CallHost,
    init: CallInit,
  ) {
    super();
    this.direction = init.direction;
    this.invite = init.invite;
    this.dialog = init.dialog;
    this.callId = init.dialog.callId;
    this.state = init.state;
    this.remoteSdp = init.remoteSdp;
    this.localSdp = init.localSdp;
    this.inviteTx = init.inviteTx;
    this.from = parseNameAddr(getHeader(init.invite, 'From') ?? '')!;
    this.to = parseNameAddr(getHeader(init.invite, 'To') ?? '')!;
    host.adopt(this.dialog.key, this);
  }

  /** A new incoming call; the caller (user agent) has checked From, To, Call-ID, CSeq, Contact. */
  static incoming(host: CallHost, invite: SipRequest, tx: ServerTransaction): Call {
    const from = getHeader(invite, 'From')!;
    const localTag = newTag();
    const dialog = new Dialog(
      getHeader(invite, 'Call-ID')!,
      localTag,
      parseNameAddr(from)?.params.tag ?? '',
      `${getHeader(invite, 'To')};tag=${localTag}`,
      from,
      contactUri(getHeader(invite, 'Contact'))!,
      getHeaders(invite, 'Record-Route'),
      0,
      parseCSeq(getHeader(invite, 'CSeq'))?.seq ?? 0,
    );
    const call = new Call(host, {
      direction: 'incoming',
      invite,
      dialog,
      state: 'offered',
      remoteSdp: invite.body,
      localSdp: null,
      inviteTx: tx,
    });
    tx.onCancel = () => call.onCancel();
    return call;
  }

  /** An outgoing call our INVITE established (the ACK is already sent). */
  static outgoing(host: CallHost, invite: SipRequest, dialog: Dialog, remoteSdp: string): Call {
    return new Call(host, {
      direction: 'outgoing',
      invite,
      dialog,
      state: 'established',
      remoteSdp,
      localSdp: invite.body,
      inviteTx: null,
    });
  }

  /** The SDP offer of an incoming call (empty when the caller sent none: then our answer is the offer). */
  get sdpOffer(): string {
    return this.direction === 'incoming' ? this.invite.body : (this.localSdp ?? '');
  }

  /** The Request-URI of the INVITE (its user part is usually the number dialled). */
  get requestUri(): string {
    return this.invite.uri;
  }

  /** Send 180 Ringing. False when the call is no longer waiting for an answer. */
  ring(): boolean {
    if (!this.inviteTx || (this.state !== 'offered' && this.state !== 'ringing')) return false;
    this.state = 'ringing';
    this.respond(this.inviteTx, 180, [{ name: 'Contact', value: this.host.contact }]);
    return true;
  }

  /** Send 200 OK with our SDP, retransmitted until the ACK (§13.3.1.4). */
  answer(sdp: string): boolean {
    if (!this.inviteTx || (this.state !== 'offered' && this.state !== 'ringing')) return false;
    this.localSdp = sdp;
    this.state = 'answered';
    this.sendSuccess(this.inviteTx, this.dialog.remoteSeq ?? 0);
    return true;
  }

  /** Refuse the call (486 Busy Here by default). */
  reject(status = 486, reason?: string): boolean {
    if (!this.inviteTx || (this.state !== 'offered' && this.state !== 'ringing')) return false;
    this.respond(this.inviteTx, status, [], '', reason);
    this.end('rejected');
    return true;
  }

  /**
   * End the call from our side: BYE when established (resolves on its final response or timeout),
   * 480 when not yet answered, BYE after the ACK when the 200 is still unacknowledged.
   */
  async hangup(): Promise<void> {
    if (this.state === 'offered' || this.state === 'ringing') {
      this.reject(480);
      return;
    }
    if (this.state === 'answered') {
      // §15: no BYE before the ACK (or its timeout); the ACK handler sends it.
      this.hangupWhenAcked = true;
      await new Promise<void>((resolve) => this.once('ended', () => resolve()));
      return;
    }
    if (this.state !== 'established') return;
    this.end('hangup');
    await this.sendInDialog('BYE');
  }

  /**
   * Ask the other side to transfer the call (REFER, RFC 3515). 'accepted' on 202/200; progress then
   * comes as 'transfer-progress' events. A bare number goes to the remote target's host and port
   * (the trunk).
   */
  async refer(target: string): Promise<'accepted' | 'refused'> {
    if (this.state !== 'established') return 'refused';
    const headers = referHeaders(target, this.dialog.remoteTarget, this.dialog.local);
    if (!headers) return 'refused';
    const response = await this.sendInDialog('REFER', headers);
    return response !== null && (response.status === 202 || response.status === 200) ? 'accepted' : 'refused';
  }

  /** End without signalling (the user agent is stopping). */
  abandon(): void {
    this.end('stopped');
  }

  onRequest(request: SipRequest, tx: ServerTransaction | null): void {
    if (request.method === 'ACK' || !tx) {
      this.onAck(request);
      return;
    }
    const seq = parseCSeq(getHeader(request, 'CSeq'))?.seq ?? 0;
    if (this.dialog.remoteSeq !== null && seq <= this.dialog.remoteSeq) {
      this.respond(tx, 500, [], '', 'CSeq Out Of Order'); // §12.2.2
      return;
    }
    this.dialog.remoteSeq = seq;
    switch (request.method) {
      case 'BYE':
        // A BYE in the early dialog also ends the pending INVITE (§15.1.2).
        if (this.inviteTx && !this.inviteTx.isFinal) this.respond(this.inviteTx, 487);
        this.respond(tx, 200);
        this.emit('bye');
        this.end('bye');
        return;
      case 'INVITE':
        this.onReinvite(request, tx, seq);
        return;
      case 'NOTIFY':
        this.respond(tx, 200);
        this.emitTransferProgress(request);
        return;
      case 'INFO':
        this.respond(tx, 200);
        this.emit('info', { contentType: getHeader(request, 'Content-Type') ?? '', body: request.body });
        return;
      case 'OPTIONS':
        this.respond(tx, 200, [
          { name: 'Allow', value: allowedMethods },
          { name: 'Accept', value: 'application/sdp' },
        ]);
        return;
      case 'REFER':
        this.respond(tx, 603); // we transfer others, we are not transferred
        return;
      default:
        this.respond(tx, 501);
    }
  }

  private onReinvite(request: SipRequest, tx: ServerTransaction, seq: number): void {
    if (this.awaitingAck !== null || this.state !== 'established') {
      this.respond(tx, 491); // §14.2: one offer/answer at a time
      return;
    }
    const target = contactUri(getHeader(request, 'Contact'));
    if (target) this.dialog.remoteTarget = target; // target refresh (§12.2.2)
    if (request.body) this.remoteSdp = request.body;
    this.sendSuccess(tx, seq);
    this.emit('reinvite', request.body);
  }

  private emitTransferProgress(notify: SipRequest): void {
    const progress = transferProgressOf(notify);
    if (progress) this.emit('transfer-progress', progress);
  }

  private onCancel(): void {
    if (!this.inviteTx || (this.state !== 'offered' && this.state !== 'ringing')) return;
    this.respond(this.inviteTx, 487);
    this.emit('cancel');
    this.end('cancel');
  }

  private onAck(request: SipRequest): void {
    const seq = parseCSeq(getHeader(request, 'CSeq'))?.seq;
    if (this.awaitingAck === null || seq !== this.awaitingAck) return;
    this.awaitingAck = null;
    this.timers.clear();
    if (request.body) this.remoteSdp = request.body; // the answer, when our 200 carried the offer
    if (this.state !== 'answered') return;
    this.state = 'established';
    this.emit('confirmed');
    if (this.hangupWhenAcked) void this.hangup();
  }

  /** 200 with our SDP; retransmitted at T1, 2T1… capped at T2, until the ACK or 64·T1. */
  private sendSuccess(tx: ServerTransaction, seq: number): void {
    this.respond(
      tx,
      200,
      [
        { name: 'Contact', value: this.host.contact },
        { name: 'Allow', value: allowedMethods },
        { name: 'Content-Type', value: 'application/sdp' },
      ],
      this.localSdp ?? '',
    );
    this.awaitingAck = seq;
    const { t1, t2 } = this.host.timers;
    const retransmit = (interval: number) =>
      this.timers.after(interval, () => {
        tx.resend();
        retransmit(Math.min(interval * 2, t2));
      });
    retransmit(t1);
    this.timers.after(64 * t1, () => {
      this.host.log.warn({ callId: this.callId }, 'sip: no ACK for our 200, ending the call');
      this.awaitingAck = null;
      const wasEstablished = this.state === 'established' || this.state === 'answered';
      this.end('no-ack');
      if (wasEstablished) void this.sendInDialog('BYE');
    });
  }

  private respond(
    tx: ServerTransaction,
    status: number,
    headers: Header[] = [],
    body = '',
    reason?: string,
  ): void {
    tx.respond(
      buildResponse(tx.request, status, reason, {
        toTag: this.dialog.localTag,
        headers: [{ name: 'Server', value: this.host.userAgent }, ...headers],
        body,
      }),
    );
  }

  private async sendInDialog(method: string, headers: Header[] = []) {
    try {
      const destination = await this.dialog.destination();
      return await requestWithAuth(
        this.host.transactions,
        () => this.dialog.request(this.host, method, headers),
        destination,
        this.host.credentials,
      );
    } catch (error) {
      this.host.log.warn({ err: error, callId: this.callId }, `sip: ${method} not sent`);
      return null;
    }
  }

  private end(reason: CallEndReason): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.timers.clear();
    this.host.release(this.dialog.key);
    this.emit('ended', reason);
  }
}
