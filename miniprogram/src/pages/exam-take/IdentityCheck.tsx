import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { exam, type ExamOutput } from '../../services/exam';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/feedback';

type Check = ExamOutput<'identityCheckStart'>;

/**
 * 人脸核验 before an exam that requires it: `simulated` (local cloud) asks 通过 / 失败 / 跳过 in a
 * dialog; `wechatFace` hands over to WeChat's facial verification and sends its ticket. The server
 * decides; `onDone(true)` only when it says passed.
 */
export function useIdentityCheck(examId: string, onDone: (passed: boolean) => void) {
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (c: Check, ticket: string | undefined) => {
    setBusy(true);
    try {
      const r = await exam('identityCheckResult', { examId, checkId: c.checkId, ...(ticket !== undefined ? { ticket } : {}) });
      setCheck(null);
      onDone(r.passed);
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const begin = async () => {
    try {
      const c = await exam('identityCheckStart', { examId });
      if (c.verifier === 'wechatFace' && process.env.TARO_ENV === 'weapp') {
        const wxFace = (wx as unknown as { startFacialRecognitionVerify?: (o: Record<string, unknown>) => void }).startFacialRecognitionVerify;
        if (!wxFace) return void send(c, '');
        wxFace({
          ...(c.params ?? {}),
          checkAliveType: 2,
          success: (res: { verifyResult?: string }) => void send(c, res.verifyResult ?? ''),
          fail: () => void send(c, ''),
        });
        return;
      }
      setCheck(c);
    } catch (err) {
      toast(errorMessage(err));
    }
  };

  const dialog = (
    <Dialog
      className='identity-dialog exam-identity-dialog'
      visible={!!check}
      title='人脸核验（模拟）'
      closeOnOverlayClick={false}
      hideConfirmButton
      hideCancelButton
      footer={
        <View className='identity-dialog__actions'>
          <Button className='identity-pass' type='primary' block loading={busy} onClick={() => check && void send(check, 'pass')}>
            通过
          </Button>
          <Button className='identity-fail' type='danger' fill='outline' block disabled={busy} onClick={() => check && void send(check, 'fail')}>
            失败
          </Button>
          <Button
            className='identity-skip'
            block
            fill='none'
            disabled={busy}
            onClick={() => {
              setCheck(null);
              onDone(false);
            }}
          >
            取消
          </Button>
        </View>
      }
    >
      <Text className='identity-dialog__text'>本考试要求开始前核验本人身份。本地环境使用模拟核验：请选择核验结果。核验通过后10分钟内可开始答题。</Text>
    </Dialog>
  );
  return { begin, dialog };
}
