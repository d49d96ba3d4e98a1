-- Runs once, on the first start of an empty postgres:16 volume (/docker-entrypoint-initdb.d), as the
-- POSTGRES_USER superuser from docker-compose.yml (huiying). Same databases as deploy/local/postgres.sh:
--   huiying              application records (TypeORM migrations: `npm run db:migrate`)
--   temporal             Temporal persistence     (schema created by temporalio/auto-setup)
--   temporal_visibility  Temporal visibility store (schema created by temporalio/auto-setup)
-- psql's \gexec makes each CREATE DATABASE conditional: POSTGRES_DB may already have created one of them.
SELECT 'CREATE DATABASE huiying OWNER huiying'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'huiying')\gexec
SELECT 'CREATE DATABASE temporal OWNER huiying'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal')\gexec
SELECT 'CREATE DATABASE temporal_visibility OWNER huiying'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility')\gexec
