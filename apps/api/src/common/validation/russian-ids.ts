import { isPhone, isValidInn, isValidKpp, isValidOgrn } from '@polar/ru-ids';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** class-validator decorators over the rules of @polar/ru-ids (the web client checks the same). */
function simpleDecorator(name: string, test: (v: string) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && test(value) },
    });
}

export const IsInn = simpleDecorator('isInn', (v) => isValidInn(v), '$property must be a valid INN (10 or 12 digits with correct check digits)');
export const IsKpp = simpleDecorator('isKpp', isValidKpp, '$property must be a KPP of 9 characters (NNNNPPNNN)');
export const IsOgrn = simpleDecorator('isOgrn', isValidOgrn, '$property must be an OGRN of 13 or an OGRNIP of 15 digits with a correct control digit');
export const IsPhone = simpleDecorator('isPhone', isPhone, '$property must be a phone number, e.g. +7 (495) 123-45-67 or 8 495 1234567');
