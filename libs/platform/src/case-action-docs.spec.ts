import 'reflect-metadata';
import { ApiCaseActionRefusals } from './case-action-docs';

/** Where @nestjs/swagger keeps a handler's responses (its DECORATORS.API_RESPONSE). */
const API_RESPONSE = 'swagger/apiResponse';

class Sample {
  @ApiCaseActionRefusals({ conflict: 'approval before consultation', invalid: 'an override without a reason' })
  act(): void {}

  @ApiCaseActionRefusals({ conflict: 'x', invalid: 'y', notFound: 'No such case or action.', ok: 'The case state.' })
  other(): void {}
}

const responses = (method: keyof Sample) => Reflect.getMetadata(API_RESPONSE, Sample.prototype[method]) as Record<string, { description: string }>;

describe('ApiCaseActionRefusals', () => {
  it('documents 200, 400, 404, 409, 422 and 503 with the action\'s examples', () => {
    const r = responses('act');
    expect(Object.keys(r).sort()).toEqual(['200', '400', '404', '409', '422', '503']);
    expect(r['409'].description).toContain('approval before consultation');
    expect(r['422'].description).toContain('an override without a reason');
    expect(r['404'].description).toBe('No such case.');
    expect(r['400'].description).toContain('errors: [{field, messages}]');
  });

  it('takes other 404 and 200 texts', () => {
    expect(responses('other')['404'].description).toBe('No such case or action.');
    expect(responses('other')['200'].description).toBe('The case state.');
  });
});
