import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CERTIFICATE_TYPES, type CertificateTypeCode } from '@shared/taxonomy';
import type { Certificate } from '@shared/contracts';
import { PickerValue } from '../Form';
import './index.scss';

interface Props {
  value: Certificate[];
  onChange: (next: Certificate[]) => void;
  /** Server field errors keyed like `certificates.0.number` (the prefix is `certificates`). */
  errors?: Record<string, string>;
  prefix?: string;
}

const TYPE_LABELS = CERTIFICATE_TYPES.map((t) => t.label);
const MAX = 10;

/** 持证情况: add / remove certificates (type, number, issue and expiry dates). */
export function CertificateEditor({ value, onChange, errors = {}, prefix = 'certificates' }: Props) {
  const patch = (i: number, p: Partial<Certificate>) => onChange(value.map((c, j) => (j === i ? { ...c, ...p } : c)));
  const remove = (i: number) => onChange(value.filter((_, j) => j !== i));
  const add = () => onChange([...value, { type: 'specialOperation', number: '' }]);

  return (
    <View className='cert-editor'>
      {value.length === 0 && <Text className='cert-editor__empty'>暂无证书；持有安全生产相关证书的请添加</Text>}
      {value.map((c, i) => {
        const err = (f: string) => errors[`${prefix}.${i}.${f}`];
        const typeIndex = Math.max(0, CERTIFICATE_TYPES.findIndex((t) => t.code === c.type));
        const rowError = errors[`${prefix}.${i}`];
        return (
          <View key={i} className='cert-item'>
            <View className='cert-item__head'>
              <Text className='cert-item__no'>证书 {i + 1}</Text>
              <Text className='cert-item__remove cert-remove' onClick={() => remove(i)}>
                删除
              </Text>
            </View>
            <Picker
              mode='selector'
              range={TYPE_LABELS}
              value={typeIndex}
              onChange={(e) => patch(i, { type: CERTIFICATE_TYPES[Number(e.detail.value)].code as CertificateTypeCode })}
            >
              <View className='cert-item__row cert-type'>
                <Text className='cert-item__label'>证书类型</Text>
                <PickerValue text={TYPE_LABELS[typeIndex]} placeholder='请选择' />
              </View>
            </Picker>
            <View className='cert-item__row cert-number'>
              <Text className='cert-item__label'>证书编号</Text>
              <Input
                className='cert-item__input'
                placeholderClass='form-input-placeholder'
                placeholder='请输入证书编号'
                maxlength={40}
                value={c.number}
                onInput={(e) => patch(i, { number: e.detail.value })}
              />
            </View>
            {err('number') && <Text className='cert-item__error'>{err('number')}</Text>}
            <Picker mode='date' value={c.issuedOn ?? ''} start='1970-01-01' end='2099-12-31' onChange={(e) => patch(i, { issuedOn: e.detail.value })}>
              <View className='cert-item__row cert-issued'>
                <Text className='cert-item__label'>发证日期</Text>
                <PickerValue text={c.issuedOn} placeholder='请选择（可选）' />
              </View>
            </Picker>
            <Picker mode='date' value={c.expiresOn ?? ''} start='1970-01-01' end='2099-12-31' onChange={(e) => patch(i, { expiresOn: e.detail.value })}>
              <View className='cert-item__row cert-expires'>
                <Text className='cert-item__label'>有效期至</Text>
                <PickerValue text={c.expiresOn} placeholder='请选择（可选）' />
              </View>
            </Picker>
            {(err('expiresOn') || err('issuedOn') || rowError) && (
              <Text className='cert-item__error'>{err('expiresOn') || err('issuedOn') || rowError}</Text>
            )}
          </View>
        );
      })}
      {value.length < MAX && (
        <Button className='cert-add' size='small' fill='outline' type='primary' onClick={add}>
          + 添加证书
        </Button>
      )}
    </View>
  );
}

/** Client-side check mirroring the contract: number required, expiry after issue. */
export function certificateErrors(list: Certificate[], prefix = 'certificates'): Record<string, string> {
  const out: Record<string, string> = {};
  list.forEach((c, i) => {
    if (!c.number.trim()) out[`${prefix}.${i}.number`] = '请填写证书编号';
    if (c.issuedOn && c.expiresOn && c.issuedOn >= c.expiresOn) out[`${prefix}.${i}.expiresOn`] = '证书有效期截止日期应晚于发证日期';
  });
  return out;
}

/** What to send: trimmed numbers, empty dates dropped. */
export function cleanCertificates(list: Certificate[]): Certificate[] {
  return list.map((c) => ({
    type: c.type,
    number: c.number.trim(),
    ...(c.issuedOn ? { issuedOn: c.issuedOn } : {}),
    ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
  }));
}
