import type { Logger } from 'pino';
import type { Calendar } from '@huiying/calendar';
import type { DisclosureDeadlineRequest, DisclosureDeadlines } from '@huiying/contracts';
import { disclosureClocks } from '@huiying/policy';

/** The disclosure workflow's deadline activity: the official calendar from routing (official-calendar.ts) + the policy's pure rules. */
export function createDisclosureActivities(
  years: { current(): Promise<{ calendar: Calendar; version: string }> },
  logger: Logger,
): { computeDisclosureDeadlines(request: DisclosureDeadlineRequest): Promise<DisclosureDeadlines> } {
  return {
    async computeDisclosureDeadlines(request: DisclosureDeadlineRequest): Promise<DisclosureDeadlines> {
      const { calendar, version } = await years.current();
      const clocks = disclosureClocks(request, calendar);
      logger.debug({ answerDue: clocks.answer.due, provisional: clocks.provisional, calendarVersion: version }, 'disclosure deadlines computed');
      return { ...clocks, calendarVersion: version };
    },
  };
}
