import { makeCreditCode, CREDIT_CODE_ALPHABET } from '../../shared/creditCode';
import { makeIdNumber } from '../../shared/idNumber';
import { regionFieldsOf } from '../../shared/regions';
import type { IndustryCode, KeyAreaCode, PostCategoryCode, CertificateTypeCode, EmploymentTypeCode, ScaleCode, SupervisionTypeCode } from '../../shared/taxonomy';
import type { EnterpriseDoc } from '../../cloudfunctions/common/enterprises';
import type { RegionDoc } from './regions';
import type { Rng } from './random';

/**
 * Pure builders of the demo world (no I/O): enterprises spread over the province with extra weight
 * on 滕州市 (the seed documents' county), persons with valid ID numbers, and demo console accounts.
 */
export const DEMO_PROVINCE = '37';
export const DEMO_CITY = '3704'; // 枣庄市
export const DEMO_COUNTY = '370481'; // 滕州市
export const DEMO_PASSWORD = 'Anxue@2026';

/** A demo enterprise is an enterprise document before its timestamps are set. */
export type DemoEnterprise = Omit<EnterpriseDoc, 'createdAt' | 'updatedAt'>;

const INDUSTRY_WORDS: [IndustryCode, string[]][] = [
  ['nonCoalMine', ['矿业', '石料', '铁矿']],
  ['hazardousChemicals', ['化工', '石化', '化学']],
  ['fireworks', ['烟花爆竹', '礼花']],
  ['metallurgy', ['钢铁', '特钢']],
  ['nonferrous', ['铝业', '铜业']],
  ['buildingMaterials', ['水泥', '建材', '玻璃']],
  ['machinery', ['机械', '机床', '重工']],
  ['lightIndustry', ['食品', '造纸', '家具']],
  ['textile', ['纺织', '棉业', '服饰']],
  ['tobacco', ['卷烟', '烟叶复烤']],
  ['commerce', ['商贸', '物流', '超市']],
  ['other', ['科技', '实业']],
];
const BRANDS = ['鑫源', '华泰', '龙腾', '恒通', '宏达', '金辉', '瑞丰', '泰和', '东方', '天元', '盛隆', '福瑞', '永安', '润泽', '广汇', '正大', '银河', '海岱', '鲁信', '嘉禾'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强春梅海燕文博晓东子涵浩然雨欣俊杰宇航佳怡梓萱振华立新红梅玉兰德胜树林';

const WORK_INDUSTRY_KEY_AREAS: Partial<Record<IndustryCode, KeyAreaCode[]>> = {
  metallurgy: ['metalSmelting'],
  nonferrous: ['aluminiumCasting', 'dustExplosion'],
  machinery: ['dustExplosion', 'confinedSpace'],
  lightIndustry: ['ammoniaRefrigeration', 'dustExplosion', 'confinedSpace'],
  textile: ['dustExplosion'],
  buildingMaterials: ['confinedSpace', 'dustExplosion'],
  tobacco: ['dustExplosion'],
  commerce: ['ammoniaRefrigeration'],
};

export function personName(r: Rng): string {
  const len = r.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < len; i++) given += GIVEN[r.int(0, GIVEN.length - 1)];
  return SURNAMES[r.int(0, SURNAMES.length - 1)] + given;
}

const mobile = (r: Rng) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;

export function buildEnterprises(r: Rng, regions: RegionDoc[], count = 30): DemoEnterprise[] {
  const counties = regions.filter((x) => x.level === 'county');
  const townsOf = (county: string) => regions.filter((x) => x.parentCode === county && x.level === 'town');
  const usedNames = new Set<string>();
  const out: DemoEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    // A third in 滕州市, a sixth elsewhere in 枣庄市, the rest across the province.
    const county =
      i % 3 === 0
        ? counties.find((c) => c.code === DEMO_COUNTY)!
        : i % 6 === 1
          ? r.pick(counties.filter((c) => c.code.startsWith(DEMO_CITY) && c.code !== DEMO_COUNTY))
          : r.pick(counties.filter((c) => !c.code.startsWith(DEMO_CITY)));
    const town = r.pick(townsOf(county.code));
    const region = town ?? county;
    const [industry, words] = INDUSTRY_WORDS[i % INDUSTRY_WORDS.length];
    let name = '';
    do {
      const place = county.name.replace(/(市|县|区)$/, '');
      name = `${place}${r.pick(BRANDS)}${r.pick(words)}有限公司`;
    } while (usedNames.has(name));
    usedNames.add(name);
    let org = '';
    for (let k = 0; k < 9; k++) org += CREDIT_CODE_ALPHABET[r.int(0, CREDIT_CODE_ALPHABET.length - 1)];
    const creditCode = makeCreditCode(county.code, org);
    const keyChoices = WORK_INDUSTRY_KEY_AREAS[industry] ?? [];
    out.push({
      _id: creditCode,
      name,
      creditCode,
      creditCodeVerified: true,
      regionCode: region.code,
      regionName: region.fullName,
      ...regionFieldsOf(region.code),
      address: `${region.fullName}${r.pick(['工业园区', '经济开发区', '兴业路', '振兴大道', '创业路'])}${r.int(1, 999)}号`,
      contactName: personName(r),
      contactPhone: mobile(r),
      scale: r.chance(0.6) ? 'above' : 'below',
      supervisionType: industry === 'other' ? 'undetermined' : industry === 'commerce' && r.chance(0.5) ? 'sector' : 'emergency',
      industry,
      keyAreas: keyChoices.filter(() => r.chance(0.5)),
      staffCount: 0,
      status: 'active',
    });
  }
  return out;
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  phone: string;
  enterpriseId: string;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates: { type: CertificateTypeCode; number: string; issuedOn: string; expiresOn: string }[];
}

export function buildPersons(r: Rng, enterprises: DemoEnterprise[], regions: RegionDoc[], perEnterprise: [number, number] = [6, 14]): DemoPerson[] {
  const counties = regions.filter((x) => x.level === 'county').map((c) => c.code);
  const seen = new Set<string>();
  const out: DemoPerson[] = [];
  for (const e of enterprises) {
    const n = r.int(perEnterprise[0], perEnterprise[1]);
    for (let i = 0; i < n; i++) {
      let idNumber: string;
      do {
        const home = r.chance(0.7) ? e.countyCode : r.pick(counties);
        const birth = `${r.int(1966, 2004)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
        idNumber = makeIdNumber(home, birth, String(r.int(1, 999)).padStart(3, '0'));
      } while (seen.has(idNumber));
      seen.add(idNumber);
      const postCategory: PostCategoryCode =
        i === 0 ? 'principal' : i === 1 ? 'safetyManager' : r.chance(0.2) ? 'specialOperator' : r.chance(0.15) ? 'teamLeader' : 'otherWorker';
      const year = r.int(2020, 2025);
      const certificates =
        postCategory === 'specialOperator'
          ? [{ type: 'specialOperation' as const, number: `T${idNumber}`, issuedOn: `${year}-0${r.int(1, 9)}-15`, expiresOn: `${year + 6}-0${r.int(1, 9)}-14` }]
          : postCategory === 'principal' || postCategory === 'safetyManager'
            ? [{ type: 'safetyQualification' as const, number: `A${String(r.int(0, 99999999)).padStart(8, '0')}`, issuedOn: `${year}-03-01`, expiresOn: `${year + 3}-02-28` }]
            : [];
      out.push({
        idNumber,
        name: personName(r),
        phone: mobile(r),
        enterpriseId: e._id,
        postCategory,
        employmentType: r.chance(0.1) ? 'dispatched' : r.chance(0.05) ? 'flexible' : 'regular',
        certificates,
      });
    }
  }
  return out;
}
