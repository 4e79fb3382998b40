import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import searchImg from '../../assets/state-search.png';
import errorImg from '../../assets/state-error.png';
import studyImg from '../../assets/state-study.png';
import examImg from '../../assets/state-exam.png';
import './index.scss';

// Local images: NutUI's Empty loads its pictures from a remote CDN.
const IMAGES = { search: searchImg, error: errorImg, study: studyImg, exam: examImg } as const;

interface Props {
  image: keyof typeof IMAGES;
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
  /** Extra class, e.g. a stable test hook such as `enterprise-empty`. */
  className?: string;
  compact?: boolean;
}

/** Empty, error and "log in first" states: picture, message, optional action. */
export function StateView({ image, title, description, actionText, onAction, className = '', compact }: Props) {
  return (
    <View className={`state-view ${compact ? 'state-view--compact' : ''} ${className}`}>
      <Image className='state-view__image' src={IMAGES[image]} />
      <Text className='state-view__title'>{title}</Text>
      {description && <Text className='state-view__desc'>{description}</Text>}
      {actionText && onAction && (
        <Button className='state-view__action' type='primary' fill='outline' size='small' onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  );
}
