import { readFileSync } from 'node:fs';
import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { APPEAL_TYPES, CallerDto, HotlineWorkOrderDto, URGENCIES, WORK_ORDER_EXAMPLE, WorkOrderLocationDto } from './hotline.dto';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../schemas/hotline-work-order.v1.schema.json'), 'utf8')) as {
  required: string[];
  properties: Record<string, { enum?: string[]; pattern?: string; properties?: Record<string, { pattern?: string }> }>;
  examples: unknown[];
};

function dtoProperties(cls: new () => object): { all: string[]; optional: string[] } {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const all = [...new Set(metas.map((m) => m.propertyName))];
  const optional = [...new Set(metas.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName))];
  return { all, optional };
}

describe('the published JSON Schema of a hotline work order', () => {
  it('has exactly the fields of HotlineWorkOrderDto, required where the DTO requires them', () => {
    const { all, optional } = dtoProperties(HotlineWorkOrderDto);
    expect(Object.keys(schema.properties).sort()).toEqual([...all].sort());
    expect([...schema.required].sort()).toEqual(all.filter((p) => !optional.includes(p)).sort());
  });

  it('lists the same appeal types, urgencies and categories', () => {
    expect(schema.properties.appealType.enum).toEqual([...APPEAL_TYPES]);
    expect(schema.properties.urgency.enum).toEqual([...URGENCIES]);
    expect(schema.properties.category.enum).toEqual([...CATEGORIES]);
    expect(Object.keys(schema.properties.caller.properties ?? {})).toEqual(['name', 'phone']);
  });

  it('refuses U+FFFD in the same text fields as the DTO', () => {
    const refusing = (cls: new () => object, prefix = '') =>
      [...new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).filter((m) => m.name === 'noReplacementCharacter').map((m) => `${prefix}${m.propertyName}`))];
    const inDto = [...refusing(HotlineWorkOrderDto), ...refusing(WorkOrderLocationDto, 'location.'), ...refusing(CallerDto, 'caller.')];
    const inSchema = Object.entries(schema.properties).flatMap(([k, p]) => [
      ...(p.pattern === '^[^\\uFFFD]*$' ? [k] : []),
      ...Object.entries(p.properties ?? {}).filter(([, q]) => q.pattern === '^[^\\uFFFD]*$').map(([n]) => `${k}.${n}`),
    ]);
    expect(inDto.sort()).toEqual(['caller.name', 'content', 'handlingUnit', 'location.address', 'location.district', 'location.township', 'title']);
    expect(inSchema.sort()).toEqual(inDto);
    expect(new RegExp(schema.properties.title.pattern as string).test('供暖\uFFFD')).toBe(false);
    expect(new RegExp(schema.properties.title.pattern as string).test('供暖')).toBe(true);
  });

  it('its example and the OpenAPI example are valid work orders', () => {
    for (const example of [...schema.examples, WORK_ORDER_EXAMPLE]) {
      const errors = validateSync(plainToInstance(HotlineWorkOrderDto, example), { whitelist: true, forbidNonWhitelisted: true });
      expect(errors).toEqual([]);
    }
  });
});
