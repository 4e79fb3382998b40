import { regionContains, regionFieldsOf, regionLevelOf, regionPath } from './regions';

describe('region codes', () => {
  it('derives levels and ancestor paths from code length', () => {
    expect(regionLevelOf('37')).toBe('province');
    expect(regionLevelOf('3704')).toBe('city');
    expect(regionLevelOf('370481')).toBe('county');
    expect(regionLevelOf('370481001')).toBe('town');
    expect(regionLevelOf('37048')).toBeNull();
    expect(regionPath('370481001')).toEqual(['37', '3704', '370481', '370481001']);
  });
  it('denormalizes fields for scoped queries', () => {
    expect(regionFieldsOf('370481001')).toEqual({ provinceCode: '37', cityCode: '3704', countyCode: '370481', townCode: '370481001' });
    expect(regionFieldsOf('370481')).toEqual({ provinceCode: '37', cityCode: '3704', countyCode: '370481' });
    expect(() => regionFieldsOf('3704')).toThrow();
  });
  it('checks containment by prefix', () => {
    expect(regionContains('3704', '370481001')).toBe(true);
    expect(regionContains('370481', '370402')).toBe(false);
  });
});
