import { diffRecords } from './audit.service';

describe('diffRecords', () => {
  it('lists only the fields that changed, old → new', () => {
    expect(diffRecords({ fullName: 'Иванов', phone: '1', version: 1 }, { fullName: 'Петров', phone: '1', version: 2 })).toEqual({
      fullName: { from: 'Иванов', to: 'Петров' },
    });
  });

  it('records every field of a created record from null', () => {
    expect(diffRecords(null, { email: 'a@b.c', role: 'admin' })).toEqual({
      email: { from: null, to: 'a@b.c' },
      role: { from: null, to: 'admin' },
    });
  });

  it('never copies password hashes into history', () => {
    expect(diffRecords({ passwordHash: 'x' }, { passwordHash: 'y' })).toEqual({});
  });

  it('compares dates by value and skips loaded relations (entity instances)', () => {
    class Department {
      name = 'A';
    }
    const d = new Date('2026-01-01T00:00:00Z');
    expect(diffRecords({ at: d, department: new Department() }, { at: new Date(d) })).toEqual({});
  });

  it('keeps plain JSON values such as a dossier', () => {
    expect(diffRecords({ dossier: { goals: ['a'] } }, { dossier: { goals: ['a', 'b'] } })).toEqual({
      dossier: { from: { goals: ['a'] }, to: { goals: ['a', 'b'] } },
    });
  });
});
