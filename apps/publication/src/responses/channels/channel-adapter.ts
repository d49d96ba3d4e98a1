// One interface for every response channel (回应渠道). A real channel (the portal's CMS, the Weibo / WeChat open
// platforms, an SMS gateway) is plugged in by implementing it and registering it in CHANNEL_ADAPTERS.
import type { CreateResponseDto, PublicationChannel, ResponseForm } from '@huiying/contracts';

export interface ResponseDraft {
  responseId: string;
  caseId: string;
  form: ResponseForm;
  title: string | null;
  content: string;
  recipient: CreateResponseDto['recipient'] | null;
}

/** What a channel will be sent: the payload (no personal data) and, for a direct message, the recipient address. */
export interface PreparedMessage {
  payload: Record<string, unknown>;
  /** The address a direct message goes to (phone, account): stored encrypted, shown masked. */
  recipient: string | null;
}

export interface DeliverableMessage {
  id: string;
  responseId: string;
  caseId: string;
  channel: PublicationChannel;
  payload: Record<string, unknown>;
  recipient: string | null;
  attempt: number;
}

/** A delivery that did not go through: `retryable` ones are tried again with backoff, the others fail at once. */
export class ChannelDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelDeliveryError';
  }
}

/** The request does not suit the channel (too long, no recipient address): refused before anything is queued. */
export class ChannelRejection extends Error {
  constructor(
    readonly channel: PublicationChannel,
    message: string,
  ) {
    super(`${channel}: ${message}`);
    this.name = 'ChannelRejection';
  }
}

export interface ChannelAdapter {
  readonly channel: PublicationChannel;
  /** Renders the draft for this channel; throws ChannelRejection when it cannot be sent there. Pure. */
  prepare(draft: ResponseDraft): PreparedMessage;
  /** Sends one message; resolves with the channel's reference of the published item, or throws ChannelDeliveryError. */
  deliver(message: DeliverableMessage, now: Date): Promise<{ externalRef: string }>;
}
