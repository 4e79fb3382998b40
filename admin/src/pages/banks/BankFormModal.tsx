import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { BankRow } from '@shared/contracts/exam';
import type { IndustryCode } from '@shared/taxonomy';
import { fieldErrorsOf } from '@shared/client';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callExam } from '../../exam';
import { callLearning, newRequestId } from '../../learning';
import { INDUSTRY_OPTIONS } from '../../components/options';

interface BankForm {
  name: string;
  description?: string;
  courseId?: string | null;
  industries: IndustryCode[];
}

/** Course options for a bank's 所属课程 (the caller's own courses, by title). */
function useCourseOptions(keyword: string) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let alive = true;
    callLearning('listCourses', { status: 'all', keyword, page: 1, pageSize: 50 })
      .then((r) => alive && setOptions(r.items.map((c) => ({ value: c._id, label: c.version > 1 ? `${c.title}（第${c.version}版）` : c.title }))))
      .catch(() => alive && setOptions([]));
    return () => {
      alive = false;
    };
  }, [keyword]);
  return options;
}

/** 新建 / 编辑题库. A create carries one request id per dialog, so a retried 确定 makes one bank. */
export function BankFormModal({ bank, onClose, onSaved }: { bank: BankRow | null; onClose(): void; onSaved(bank: BankRow): void }) {
  const account = useAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<BankForm>();
  const [requestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [courseKeyword, setCourseKeyword] = useState('');
  const courses = useCourseOptions(courseKeyword);
  const industryLimit = account.role === 'regulator' && account.industries?.length ? account.industries : null;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const { bank: saved } = bank
        ? await callExam('updateBank', { bankId: bank._id, name: v.name.trim(), description: v.description?.trim() ?? '', industries: v.industries })
        : await callExam('createBank', { name: v.name.trim(), description: v.description?.trim() ?? '', courseId: v.courseId ?? null, industries: v.industries, requestId });
      message.success(bank ? '题库已保存' : '题库已创建');
      onSaved(saved);
    } catch (e) {
      const errs = fieldErrorsOf(e);
      const onForm = (['name', 'description', 'industries', 'courseId'] as const).filter((k) => errs[k]);
      if (onForm.length) form.setFields(onForm.map((k) => ({ name: k, errors: [errs[k]] })));
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={bank ? `编辑题库“${bank.name}”` : '新建题库'}
      okText={bank ? '保存' : '创建'}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ ...{ 'data-testid': 'bank-form-ok' } }}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<BankForm>
        form={form}
        layout="vertical"
        initialValues={bank ? { name: bank.name, description: bank.description, courseId: bank.courseId, industries: bank.industries } : { industries: industryLimit ? [...industryLimit] : [] }}
      >
        <Form.Item name="name" label="题库名称" rules={[{ required: true, whitespace: true, message: '请输入题库名称' }, { min: 2, message: '名称至少2个字' }, { max: 60, message: '名称不能超过60个字' }]}>
          <Input maxLength={60} showCount placeholder="例如 建筑施工安全题库" data-testid="bank-name" />
        </Form.Item>
        <Form.Item
          name="industries"
          label="适用行业"
          extra={industryLimit ? '本账号只能管理所辖行业的题库' : '不选为通用题库（适用于所有行业）'}
          rules={industryLimit ? [{ required: true, type: 'array', min: 1, message: '请选择所辖行业' }] : []}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder="通用"
            options={industryLimit ? INDUSTRY_OPTIONS.filter((o) => industryLimit.includes(o.value)) : INDUSTRY_OPTIONS}
            optionFilterProp="label"
            data-testid="bank-industries"
          />
        </Form.Item>
        <Form.Item name="courseId" label="所属课程" extra={bank ? '创建后不能更改所属课程' : '课程题库用于该课程的练习和模拟考试；不选为独立的行业题库'}>
          <Select
            allowClear
            showSearch
            disabled={Boolean(bank)}
            placeholder="不属于课程（行业题库）"
            filterOption={false}
            onSearch={setCourseKeyword}
            options={bank?.courseId && !courses.some((c) => c.value === bank.courseId) ? [...courses, { value: bank.courseId, label: '（已选课程）' }] : courses}
            data-testid="bank-course"
          />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ max: 500, message: '说明不能超过500个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="题库用途、来源等（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
