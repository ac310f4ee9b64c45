import { type CorpusCase, minutes, sms } from './corpus-case.ts';

/** Russian, Turkish and Arabic SMS. */
export const OTHER_LANGUAGES: CorpusCase[] = [
  // Russian
  sms('ru · код подтверждения', 'Telegram', 'Код подтверждения: 482913. Никому не сообщайте его.', { code: '482913' }),
  sms('ru · Ozon', 'Ozon', 'Ozon: 4829 – код для входа. Никому его не сообщайте', { code: '4829' }),
  sms('ru · Sber', '900', 'Никому не сообщайте код: 48291. Вход в СберБанк Онлайн.', { code: '48291' }),
  sms('ru · Yandex, действителен', 'Yandex', 'Ваш код подтверждения: 482913. Код действителен 10 минут.', {
    code: '482913',
    ttlMs: minutes(10),
  }),
  sms('ru · Wildberries', 'Wildberries', 'Код 482913 для входа в Wildberries. Никому не говорите его', {
    code: '482913',
  }),
  sms('ru · TikTok', 'TikTok', '[TikTok] 482913 — ваш код подтверждения. Он действителен 5 минут.', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('ru ✗ заказ', 'Ozon', 'Заказ №48291372 передан в доставку.', { code: null }),
  sms('ru ✗ оплата', '900', 'Оплата 1 482,91 ₽ прошла успешно.', { code: null }),
  sms('ru ✗ промокод', 'Wildberries', 'Промокод SALE20 дает скидку 20% до воскресенья', { code: null }),
  sms('ru ✗ баланс', '900', 'Баланс: 4829,13 руб. Карта *4421.', { code: null }),
  sms('ru ✗ индекс', 'Pochta', 'Ваш индекс 101000 сохранён.', { code: null }),

  // Turkish
  sms('tr · Trendyol', 'Trendyol', 'Trendyol doğrulama kodunuz: 482913. Bu kodu kimseyle paylaşmayın.', {
    code: '482913',
  }),
  sms('tr · TikTok', 'TikTok', '[TikTok] 482913 doğrulama kodunuzdur, 5 dakika geçerlidir.', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('tr · Hepsiburada şifre', 'Hepsiburada', 'Hepsiburada giriş için tek kullanımlık şifreniz: 482913', {
    code: '482913',
  }),
  sms(
    'tr · bank with amount',
    'GARANTI',
    'Garanti BBVA: 150,00 TL tutarındaki işleminiz için şifreniz 482913. Bu şifreyi kimseyle paylaşmayınız.',
    { code: '482913' },
  ),
  sms('tr · Getir', 'Getir', 'Getir giriş kodun: 4829', { code: '4829' }),
  sms('tr ✗ sipariş', 'Trendyol', 'Siparişiniz 482913724 kargoya verildi.', { code: null }),
  sms('tr ✗ ödeme', 'GARANTI', '1.482,91 TL ödemeniz alındı. Teşekkürler.', { code: null }),
  sms('tr ✗ indirim kodu', 'Trendyol', 'İndirim kodu YAZ20 ile %20 indirim fırsatı!', { code: null }),
  sms('tr ✗ kargo takip', 'Yurtici', 'Kargo takip numaranız: 7260482913740', { code: null }),

  // Arabic
  sms('ar · رمز التحقق', 'Noon', 'رمز التحقق الخاص بك هو 482913. لا تشاركه مع أي شخص.', { code: '482913' }),
  sms('ar · noon 4 digits', 'noon', 'رمز التحقق لـ noon هو 4829', { code: '4829' }),
  sms('ar · Careem كود', 'Careem', 'كود التفعيل الخاص بك في كريم هو 4829', { code: '4829' }),
  sms('ar · Arabic-Indic digits', 'STC', 'رمز التحقق: ٤٨٢٩١٣', { code: '482913' }),
  sms('ar · TikTok', 'TikTok', '[TikTok] 482913 هو رمز التحقق الخاص بك، صالح لمدة 5 دقائق.', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('ar · Amazon', 'Amazon', '482913 هو رمز OTP الخاص بك من أمازون. لا تشاركه مع أي شخص.', {
    code: '482913',
    site: 'amazon.com',
  }),
  sms('ar ✗ طلب', 'Noon', 'تم شحن طلبك رقم 48291372', { code: null }),
  sms('ar ✗ خصم من البطاقة', 'ADCB', 'تم خصم 1,482.91 درهم من بطاقتك المنتهية بـ 4421', { code: null }),
  sms('ar ✗ كود الخصم', 'Noon', 'استخدم كود الخصم SAVE20 واحصل على 20%', { code: null }),
  sms('ar ✗ الرمز البريدي', 'SPL', 'الرمز البريدي 11564 تم تحديثه', { code: null }),
];
