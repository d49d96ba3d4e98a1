import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * routing.calendar_sweeps: each calendar notice (calendar.updated.v1) routing must pass to every open case. The
 * consumer only records it (a sweep over thousands of cases outlasts a Kafka session); a background sweeper signals
 * the cases (routing.calendar_signals keeps each (notice, case) once) and marks the sweep completed.
 */
export class CalendarSweeps1764300000001 implements MigrationInterface {
  name = 'CalendarSweeps1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE routing.calendar_sweeps (
      event_id text PRIMARY KEY,
      year int NOT NULL,
      revision int NOT NULL,
      source text NOT NULL,
      loaded_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      leased_until timestamptz,
      completed_at timestamptz,
      signalled int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX calendar_sweeps_pending_idx ON routing.calendar_sweeps (received_at) WHERE completed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE routing.calendar_sweeps`);
  }
}
