import { EventEmitter } from 'node:events';
import pino from 'pino';
import { ConsumerSupervisor, type SupervisedConsumer } from './consumer-supervisor';

/** Emits the two kafkajs instrumentation events the supervisor listens to, with kafkajs's event names. */
class FakeConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' } as SupervisedConsumer['events'];
  private readonly emitter = new EventEmitter();
  disconnects = 0;
  on = ((name: string, listener: (e: unknown) => void) => {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }) as unknown as SupervisedConsumer['on'];
  disconnect = async () => {
    this.disconnects += 1;
  };
  join() {
    this.emitter.emit(this.events.GROUP_JOIN, { payload: { groupId: 'g' } });
  }
  crash(restart: boolean, message = 'The coordinator is loading and hence can\'t process requests for this group') {
    this.emitter.emit(this.events.CRASH, { payload: { error: new Error(message), groupId: 'g', restart } });
  }
}

const logger = pino({ level: 'silent' });

describe('ConsumerSupervisor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup() {
    const consumer = new FakeConsumer();
    const run = jest.fn(async () => consumer.join());
    const supervisor = new ConsumerSupervisor(consumer, run, logger, { groupId: 'g', restartDelayMs: 100, maxRestartDelayMs: 400 });
    return { consumer, run, supervisor };
  }

  it('is unhealthy before start and healthy once running', async () => {
    const { supervisor, run } = setup();
    expect(supervisor.healthy()).toBe(false);
    await supervisor.start();
    expect(run).toHaveBeenCalledTimes(1);
    expect(supervisor.healthy()).toBe(true);
  });

  it('recovers from a crash kafkajs restarts (e.g. coordinator loading on a fresh broker) once it rejoins', async () => {
    const { consumer, supervisor, run } = setup();
    await supervisor.start();
    consumer.crash(true);
    expect(supervisor.healthy()).toBe(false);
    expect(supervisor.error()?.message).toMatch(/coordinator is loading/);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1); // kafkajs restarts it, not the supervisor
    consumer.join();
    expect(supervisor.healthy()).toBe(true);
    expect(supervisor.error()).toBeUndefined();
  });

  it('restarts a consumer kafkajs gave up on, with a doubling back-off, and is healthy after it joins', async () => {
    const { consumer, supervisor, run } = setup();
    await supervisor.start();
    run.mockImplementationOnce(async () => {
      throw new Error('broker unreachable');
    });
    consumer.crash(false, 'non-retriable');
    expect(supervisor.healthy()).toBe(false);
    await jest.advanceTimersByTimeAsync(99);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1); // 100 ms: first restart, which fails
    expect(run).toHaveBeenCalledTimes(2);
    expect(supervisor.healthy()).toBe(false);
    await jest.advanceTimersByTimeAsync(199);
    expect(run).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1); // +200 ms: second restart joins
    expect(run).toHaveBeenCalledTimes(3);
    expect(consumer.disconnects).toBe(2);
    expect(supervisor.healthy()).toBe(true);
  });

  it('keeps trying when the first start fails (broker not there yet), without throwing, and is healthy once it joins', async () => {
    const { supervisor, run } = setup();
    run.mockImplementationOnce(async () => {
      throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    });
    await expect(supervisor.start()).resolves.toBeUndefined();
    expect(supervisor.healthy()).toBe(false);
    expect(supervisor.error()?.message).toMatch(/ECONNREFUSED/);
    await jest.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    expect(supervisor.healthy()).toBe(true);
  });

  it('does not restart after stop, and a stopped consumer is unhealthy', async () => {
    const { consumer, supervisor, run } = setup();
    await supervisor.start();
    consumer.crash(false);
    await supervisor.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(supervisor.healthy()).toBe(false);
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
