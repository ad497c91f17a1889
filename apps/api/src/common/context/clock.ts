/**
 * The source of "now". Injected wherever business rules depend on the date, so that
 * tests can pin it (e.g. around public holidays) without faking timers.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
