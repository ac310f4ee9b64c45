import type { KeywordSet } from '../keywords.ts';

/** Chinese (simplified and traditional): the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: ['[验驗][证證][码碼]|校[验驗][码碼]|[动動][态態]密?[码碼]|一次性密[码碼]|短信码'],
  weak: ['[码碼]|[验驗][证證]'],
  denyHard: [
    '图[形片像]验证码|圖形驗證碼', // chinese-sms-login-with-captcha, chinese-image-captcha-only
    '[优優]惠|折扣|[兑兌][换換][码碼]|[礼禮]品卡|邀请码|推荐码|邮编|邮政编码|郵遞區號|搜[索尋]',
    '卡[号號]|信用卡|银行卡|有效期|出生日期',
  ],
  denySoft: ['手[机機]|[电電][话話]|密[码碼]|邮箱|用户名'],
  submit: ['[验驗][证證]|[确確][认認]|提交|下一步|登[录入]'],
  resend: ['重新[发發]送|获取验证码'],
};
