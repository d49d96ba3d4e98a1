import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { HotlineWorkOrderDto, WORK_ORDER_EXAMPLE } from './hotline.dto';

const flatten = (errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [...(e.constraints ? [{ field, messages: Object.values(e.constraints) }] : []), ...flatten(e.children ?? [], field)];
  });

async function fieldErrors(plain: object) {
  return flatten(await validate(plainToInstance(HotlineWorkOrderDto, plain), { whitelist: true, forbidNonWhitelisted: true }));
}

// what "东风街道" becomes when its GBK bytes are read as UTF-8
const GARBLED = '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD';

describe('a work order whose text holds U+FFFD is refused on that field (issue 14: a GBK file stored garbage)', () => {
  it.each([
    ['title', { title: `供暖${GARBLED}` }],
    ['content', { content: GARBLED }],
    ['handlingUnit', { handlingUnit: `城关区${GARBLED}` }],
    ['location.district', { location: { ...WORK_ORDER_EXAMPLE.location, district: GARBLED } }],
    ['location.township', { location: { ...WORK_ORDER_EXAMPLE.location, township: GARBLED } }],
    ['location.address', { location: { ...WORK_ORDER_EXAMPLE.location, address: GARBLED } }],
    ['caller.name', { caller: { ...WORK_ORDER_EXAMPLE.caller, name: GARBLED } }],
  ])('%s', async (field, change) => {
    const errors = await fieldErrors({ ...WORK_ORDER_EXAMPLE, ...change });
    expect(errors).toEqual([{ field, messages: [expect.stringMatching(/contains U\+FFFD \(the replacement character\)/)] }]);
  });

  it('names every such field at once, and lets the same order with its original text through', async () => {
    const errors = await fieldErrors({ ...WORK_ORDER_EXAMPLE, title: GARBLED, location: { district: GARBLED } });
    expect(errors.map((e) => e.field)).toEqual(['title', 'location.district']);
    expect(await fieldErrors(WORK_ORDER_EXAMPLE)).toEqual([]);
  });

  it('the work order\'s location keeps the rules of a report\'s location (type, length)', async () => {
    const errors = await fieldErrors({ ...WORK_ORDER_EXAMPLE, location: { district: 7, township: '街'.repeat(101), address: '路'.repeat(501) } });
    expect(errors.map((e) => e.field)).toEqual(['location.district', 'location.township', 'location.address']);
  });
});
