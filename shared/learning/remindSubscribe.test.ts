import { askedCoursesOf, rememberAsked, remindTemplatesToAsk } from './remindSubscribe';

const tmpl = 'AbCdEf-1234567890_abcdefghijklmnopqrstuvwx';

describe('remindTemplatesToAsk', () => {
  it('asks in the weapp build with a configured template, once per course', () => {
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: tmpl, courseId: 'c1', asked: [] })).toEqual([tmpl]);
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: ` ${tmpl} `, courseId: 'c1', asked: ['c2'] })).toEqual([tmpl]);
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: tmpl, courseId: 'c1', asked: ['c2', 'c1'] })).toBeNull();
  });

  it('never asks in H5, in an unconfigured build, with a malformed id, or without a course', () => {
    expect(remindTemplatesToAsk({ platform: 'h5', templateId: tmpl, courseId: 'c1', asked: [] })).toBeNull();
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: '', courseId: 'c1', asked: [] })).toBeNull();
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: 'bad id!', courseId: 'c1', asked: [] })).toBeNull();
    expect(remindTemplatesToAsk({ platform: 'weapp', templateId: tmpl, courseId: '', asked: [] })).toBeNull();
  });
});

describe('the asked list', () => {
  it('reads back only strings; anything else is an empty list', () => {
    expect(askedCoursesOf(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(askedCoursesOf('')).toEqual([]);
    expect(askedCoursesOf({ a: 1 })).toEqual([]);
  });

  it('remembers a course once and keeps the newest within the limit', () => {
    expect(rememberAsked(['a', 'b'], 'a')).toEqual(['b', 'a']);
    expect(rememberAsked(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
    expect(rememberAsked([], 'x')).toEqual(['x']);
  });
});
