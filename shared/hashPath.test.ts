import { fillPath, matchPath } from './hashPath';

describe('console hash paths', () => {
  it('matches exact paths and :name segments', () => {
    expect(matchPath('/exams', '/exams')).toEqual({});
    expect(matchPath('/exams/:examId', '/exams/ex123')).toEqual({ examId: 'ex123' });
    expect(matchPath('/exams/:examId', '/exams/a%3Ab')).toEqual({ examId: 'a:b' });
  });
  it('refuses other lengths, empty segments, other literals and broken escapes', () => {
    expect(matchPath('/exams/:examId', '/exams')).toBeNull();
    expect(matchPath('/exams/:examId', '/exams/')).toBeNull();
    expect(matchPath('/exams/:examId', '/exams/a/b')).toBeNull();
    expect(matchPath('/exams/:examId', '/courses/a')).toBeNull();
    expect(matchPath('/exams/:examId', '/exams/%E0%A4%A')).toBeNull();
  });
  it('fills a pattern back', () => {
    expect(fillPath('/exams/:examId', { examId: 'a:b' })).toBe('/exams/a%3Ab');
    expect(matchPath('/exams/:examId', fillPath('/exams/:examId', { examId: 'ex 1' }))).toEqual({ examId: 'ex 1' });
  });
});
