// Starting an application on a real database takes seconds on a busy 2-core machine.
jest.setTimeout(60_000);
