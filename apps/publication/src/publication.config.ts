import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class PublicationConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  PUBLICATION_PORT = 3004;

  /** Consumer group of the reply-letter consumer (publication.requested.v1). */
  @IsString()
  PUBLICATION_CONSUMER_GROUP = 'huiying-publication';

  /** Reply letters: the answering agency as it signs (答复机关). */
  @IsString() @MinLength(1)
  LETTER_AGENCY_NAME = '市人民政府';

  /** Reply letters: where the applicant may apply for administrative reconsideration (行政复议机关). */
  @IsString() @MinLength(1)
  LETTER_RECONSIDERATION_BODY = '本级人民政府';

  /** Reply letters: the court for administrative litigation (行政诉讼). */
  @IsString() @MinLength(1)
  LETTER_COURT = '有管辖权的人民法院';

  /** An OTF/TTF font with Simplified Chinese glyphs for the PDF; default: Noto Sans Hans from @embedpdf/fonts-sc. */
  @IsOptional() @IsString()
  LETTER_FONT_PATH?: string;
}
