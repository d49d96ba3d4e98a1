// The channels as this installation has them: no external network, so each adapter renders what the channel would
// get and "delivers" it by handing back the reference under which the item is published; the outbound record
// (publication.outbound_messages) is the inspectable result. Channel rules are real: Weibo's 2,000-character posts,
// SMS segments of 70 characters (67 when split), a recipient address for every direct message.
// Fault drills: PUBLICATION_CHANNEL_FAULTS=weibo:2 makes the first 2 attempts of every Weibo message fail as an outage
// would, so ops can watch retries and backoff on a running system.
import { ChannelDeliveryError, ChannelRejection, type ChannelAdapter, type DeliverableMessage, type PreparedMessage, type ResponseDraft } from './channel-adapter';
import type { PublicationChannel } from '@huiying/contracts';

export const WEIBO_MAX_CHARS = 2000;
export const SMS_SEGMENT_CHARS = 70;
export const SMS_MULTIPART_SEGMENT_CHARS = 67;
export const SMS_MAX_SEGMENTS = 10;

const chars = (s: string) => [...s].length;

function text(draft: ResponseDraft): string {
  return draft.title ? `【${draft.title}】${draft.content}` : draft.content;
}

export function smsSegments(body: string): number {
  const n = chars(body);
  return n <= SMS_SEGMENT_CHARS ? 1 : Math.ceil(n / SMS_MULTIPART_SEGMENT_CHARS);
}

abstract class LocalChannel implements ChannelAdapter {
  abstract readonly channel: PublicationChannel;
  constructor(private readonly failFirstAttempts = 0) {}

  abstract prepare(draft: ResponseDraft): PreparedMessage;

  async deliver(message: DeliverableMessage): Promise<{ externalRef: string }> {
    if (message.attempt <= this.failFirstAttempts) {
      throw new ChannelDeliveryError(`${this.channel} unavailable (fault drill: attempt ${message.attempt} of the first ${this.failFirstAttempts} fails)`, true);
    }
    return { externalRef: `${this.channel}:${String(message.payload.kind)}:${message.id}` };
  }

  protected needRecipient(value: string | undefined, what: string): string {
    if (!value) throw new ChannelRejection(this.channel, `a point-to-point reply needs the poster's ${what} (recipient.${what})`);
    return value;
  }
}

/** 门户网站: a notice on the government portal, or a reply on the portal thread the report came from. */
export class PortalChannel extends LocalChannel {
  readonly channel = 'portal' as const;
  prepare(draft: ResponseDraft): PreparedMessage {
    const reply = draft.form === 'point_to_point_reply';
    return {
      payload: { kind: reply ? 'thread_reply' : 'notice', form: draft.form, title: draft.title ?? '情况说明', body: draft.content, caseRef: draft.caseId },
      recipient: null,
    };
  }
}

/** 政务微博: a post, or a reply to the poster's account. */
export class WeiboChannel extends LocalChannel {
  readonly channel = 'weibo' as const;
  prepare(draft: ResponseDraft): PreparedMessage {
    const body = text(draft);
    if (chars(body) > WEIBO_MAX_CHARS) throw new ChannelRejection(this.channel, `a post has at most ${WEIBO_MAX_CHARS} characters, this one ${chars(body)}; publish the full text on the portal and link it`);
    if (draft.form === 'point_to_point_reply') {
      return { payload: { kind: 'reply', form: draft.form, text: body }, recipient: this.needRecipient(draft.recipient?.account, 'account') };
    }
    return { payload: { kind: 'post', form: draft.form, text: body }, recipient: null };
  }
}

/** 政务微信: an article of the official account, or a message to the poster. */
export class WechatChannel extends LocalChannel {
  readonly channel = 'wechat' as const;
  prepare(draft: ResponseDraft): PreparedMessage {
    if (draft.form === 'point_to_point_reply') {
      return { payload: { kind: 'message', form: draft.form, text: text(draft) }, recipient: this.needRecipient(draft.recipient?.account, 'account') };
    }
    const digest = [...draft.content].slice(0, 54).join('');
    return { payload: { kind: 'article', form: draft.form, title: draft.title ?? '情况说明', digest, content: draft.content }, recipient: null };
  }
}

/** 短信: a text to the poster's phone. */
export class SmsChannel extends LocalChannel {
  readonly channel = 'sms' as const;
  prepare(draft: ResponseDraft): PreparedMessage {
    const phone = draft.recipient?.phone;
    if (!phone) throw new ChannelRejection(this.channel, 'a text message needs the recipient\'s phone (recipient.phone)');
    const body = text(draft);
    const segments = smsSegments(body);
    if (segments > SMS_MAX_SEGMENTS) throw new ChannelRejection(this.channel, `at most ${SMS_MAX_SEGMENTS} segments (${SMS_MAX_SEGMENTS * SMS_MULTIPART_SEGMENT_CHARS} characters), this one needs ${segments}`);
    return { payload: { kind: 'text', form: draft.form, text: body, segments }, recipient: phone };
  }
}

/** "weibo:2,sms:1" → { weibo: 2, sms: 1 } (unknown channels and bad counts are refused). */
export function parseFaultDrills(spec: string): Partial<Record<PublicationChannel, number>> {
  const out: Partial<Record<PublicationChannel, number>> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(portal|weibo|wechat|sms):(\d{1,2})$/.exec(part);
    if (!m) throw new Error(`PUBLICATION_CHANNEL_FAULTS: "${part}" is not <portal|weibo|wechat|sms>:<attempts>`);
    out[m[1] as PublicationChannel] = Number(m[2]);
  }
  return out;
}

export function localChannels(faults: Partial<Record<PublicationChannel, number>> = {}): ChannelAdapter[] {
  return [new PortalChannel(faults.portal), new WeiboChannel(faults.weibo), new WechatChannel(faults.wechat), new SmsChannel(faults.sms)];
}
