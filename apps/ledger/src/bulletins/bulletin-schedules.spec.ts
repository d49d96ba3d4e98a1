import { bulletinJurisdictions, bulletinScheduleOptions, createBulletinActivities } from './bulletin-schedules';
import type { BulletinService } from './bulletin.service';

describe('bulletin schedules', () => {
  it('quarterly: 08:00 Asia/Shanghai on the first day of each quarter, the schedule workflow on the case queue', () => {
    const o = bulletinScheduleOptions('quarterly', ['seed-city']);
    expect(o.scheduleId).toBe('bulletin-schedule-quarterly');
    expect(o.spec).toEqual({ timezone: 'Asia/Shanghai', calendars: [expect.objectContaining({ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 8 })] });
    expect(o.action).toMatchObject({ type: 'startWorkflow', workflowType: 'bulletinScheduleWorkflow', taskQueue: 'huiying-cases', args: [{ kind: 'quarterly', jurisdictions: ['seed-city'] }] });
    expect(o.policies).toEqual({ overlap: 'SKIP', catchupWindow: '7 days' });
  });

  it('monthly: 08:00 on the first of every month', () => {
    const o = bulletinScheduleOptions('monthly', ['a', 'b']);
    expect(o.scheduleId).toBe('bulletin-schedule-monthly');
    expect(o.spec.calendars?.[0]).toEqual(expect.objectContaining({ dayOfMonth: 1, hour: 8 }));
    expect(o.spec.calendars?.[0]).not.toHaveProperty('month');
    expect(o.action.args).toEqual([{ kind: 'monthly', jurisdictions: ['a', 'b'] }]);
  });

  it('the jurisdictions come from the configuration, each once', () => {
    expect(bulletinJurisdictions({ BULLETIN_JURISDICTIONS: 'seed-city,city-b,seed-city' })).toEqual(['seed-city', 'city-b']);
  });

  it('the activity generates as the schedule and answers id, revision and whether it was stored now', async () => {
    const calls: unknown[][] = [];
    const service = { generate: async (...args: unknown[]) => (calls.push(args), { id: 'b-1', revision: 2, created: false }) } as unknown as BulletinService;
    await expect(createBulletinActivities(service).generateBulletin({ kind: 'monthly', period: '2026-11', jurisdiction: 'seed-city' })).resolves.toEqual({ bulletinId: 'b-1', revision: 2, created: false });
    expect(calls).toEqual([['monthly', '2026-11', 'seed-city', { schedule: true }]]);
  });
});
