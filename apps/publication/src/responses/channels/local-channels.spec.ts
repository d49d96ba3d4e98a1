import { ChannelDeliveryError, ChannelRejection, type ResponseDraft } from './channel-adapter';
import { localChannels, parseFaultDrills, smsSegments, SmsChannel, WeiboChannel, WechatChannel, PortalChannel } from './local-channels';

const draft = (over: Partial<ResponseDraft> = {}): ResponseDraft => ({
  responseId: 'r1', caseId: 'c1', form: 'clarification_rebuttal', title: '情况说明', content: '经核查，网传信息不实。', recipient: null, ...over,
});

describe('local channel adapters', () => {
  it('render a post, an article, a portal notice, without personal data in the payload', () => {
    expect(new WeiboChannel().prepare(draft())).toEqual({ payload: { kind: 'post', form: 'clarification_rebuttal', text: '【情况说明】经核查，网传信息不实。' }, recipient: null });
    expect(new WechatChannel().prepare(draft()).payload).toMatchObject({ kind: 'article', title: '情况说明' });
    expect(new PortalChannel().prepare(draft()).payload).toMatchObject({ kind: 'notice', caseRef: 'c1' });
  });

  it('a point-to-point reply goes to the poster: the address is the recipient, kept out of the payload', () => {
    const p2p = draft({ form: 'point_to_point_reply', recipient: { name: '张三', phone: '13912345678', account: '@zhangsan' } });
    const sms = new SmsChannel().prepare(p2p);
    expect(sms.recipient).toBe('13912345678');
    expect(JSON.stringify(sms.payload)).not.toContain('13912345678');
    expect(new WeiboChannel().prepare(p2p)).toMatchObject({ payload: { kind: 'reply' }, recipient: '@zhangsan' });
    expect(() => new WeiboChannel().prepare(draft({ form: 'point_to_point_reply', recipient: { phone: '13912345678' } }))).toThrow(ChannelRejection);
    expect(() => new SmsChannel().prepare(draft())).toThrow(/recipient.phone/);
  });

  it('channel limits: Weibo 2,000 characters, SMS segments of 70 (67 when split), at most 10', () => {
    expect(() => new WeiboChannel().prepare(draft({ title: null, content: '字'.repeat(2001) }))).toThrow(/at most 2000/);
    expect(new WeiboChannel().prepare(draft({ title: null, content: '字'.repeat(2000) })).payload.text).toHaveLength(2000);
    expect([70, 71, 134, 135].map((n) => smsSegments('字'.repeat(n)))).toEqual([1, 2, 2, 3]);
    expect(() => new SmsChannel().prepare(draft({ title: null, content: '字'.repeat(671), recipient: { phone: '13912345678' } }))).toThrow(/at most 10 segments/);
  });

  it('delivers with a reference; a fault drill fails the first attempts as retryable outages', async () => {
    const msg = { id: 'm1', responseId: 'r1', caseId: 'c1', channel: 'weibo' as const, payload: { kind: 'post' }, recipient: null, attempt: 1 };
    await expect(new WeiboChannel().deliver(msg)).resolves.toEqual({ externalRef: 'weibo:post:m1' });
    const [, weibo] = localChannels(parseFaultDrills('weibo:2'));
    await expect(weibo!.deliver(msg, new Date())).rejects.toMatchObject({ retryable: true });
    await expect(weibo!.deliver({ ...msg, attempt: 2 }, new Date())).rejects.toBeInstanceOf(ChannelDeliveryError);
    await expect(weibo!.deliver({ ...msg, attempt: 3 }, new Date())).resolves.toEqual({ externalRef: 'weibo:post:m1' });
    expect(() => parseFaultDrills('fax:1')).toThrow(/fax:1/);
    expect(parseFaultDrills('')).toEqual({});
  });
});
