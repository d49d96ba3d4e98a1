import { Type } from 'class-transformer';
import { Equals, IsISO8601, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';

/**
 * The versioned envelope every Kafka message carries (CloudEvents 1.0 attribute names).
 * `subject` is the case id and equals the message key.
 */
export class EventEnvelope<T extends object = object> {
  @Equals('1.0')
  specversion!: '1.0';

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsString()
  @IsNotEmpty()
  source!: string;

  @IsISO8601({ strict: true })
  time!: string;

  @IsString()
  @IsNotEmpty()
  subject!: string;

  @Equals('application/json')
  datacontenttype!: 'application/json';

  @IsObject()
  @ValidateNested()
  @Type(() => Object)
  data!: T;
}

export function makeEnvelope<T extends object>(args: {
  id: string;
  type: string;
  source: string;
  time: string;
  subject: string;
  data: T;
}): EventEnvelope<T> {
  return { specversion: '1.0', datacontenttype: 'application/json', ...args };
}
