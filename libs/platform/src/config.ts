import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

/**
 * Settings every service shares. Each app extends it with its own fields; `loadConfig` is the only
 * place that reads process.env, validates once at boot and fails fast with every problem listed.
 */
export class BaseConfig {
  @IsOptional() @IsString()
  LOG_LEVEL = 'info';

  /** postgres://user:pass@host:port/db — or the PG* variables below. */
  @IsOptional() @IsString()
  DATABASE_URL?: string;

  @IsString() PGHOST = '127.0.0.1';
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535) PGPORT = 5432;
  @IsString() PGUSER = 'huiying';
  @IsString() PGPASSWORD = 'huiying';
  @IsString() PGDATABASE = 'huiying';

  /** Comma-separated broker list. */
  @IsString() @IsNotEmpty() KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID_PREFIX = 'huiying';

  @IsString() @IsNotEmpty() TEMPORAL_ADDRESS = '127.0.0.1:7233';
  @IsString() @IsNotEmpty() TEMPORAL_NAMESPACE = 'default';
  /** Set to use TLS towards an external Temporal cluster (paths to PEM files). */
  @IsOptional() @IsString() TEMPORAL_TLS_CERT?: string;
  @IsOptional() @IsString() TEMPORAL_TLS_KEY?: string;
}

export class ConfigError extends Error {}

export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const declared = new Set(
    getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName),
  );
  const raw: Record<string, unknown> = {};
  for (const key of declared) {
    const value = env[key] ?? defaults[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(cls, raw, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration for ${cls.name}:\n${lines.join('\n')}`);
  }
  return config;
}

export function kafkaBrokers(config: BaseConfig): string[] {
  return config.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean);
}
