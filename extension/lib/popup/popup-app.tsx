export function PopupApp() {
  return <main>otp-relay</main>;
}
