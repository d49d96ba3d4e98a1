import { Type } from 'class-transformer';
import { IsDefined, ValidateBy, ValidateNested } from 'class-validator';

/**
 * A required nested object: present, a JSON object, and valid itself. `@ValidateNested()` alone lets a missing
 * value through (class-validator skips nested validation of `undefined`), which is how a work order without
 * `location` once reached the handler (issue 14). Use this for every required nested field.
 */
export function RequiredNested(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsDefined({ message: ({ property }) => `${property} is required` })(target, key);
    // a missing value is IsDefined's to report (one message, not two)
    ValidateBy({
      name: 'isNestedObject',
      validator: {
        validate: (value: unknown) => value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value)),
        defaultMessage: (args) => `${args?.property} must be an object`,
      },
    })(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}
