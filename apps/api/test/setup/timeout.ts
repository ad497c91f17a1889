// Starting an application on a real database takes seconds on a busy 2-core machine,
// and a minute or more while the whole suite runs beside other work on it.
jest.setTimeout(120_000);
