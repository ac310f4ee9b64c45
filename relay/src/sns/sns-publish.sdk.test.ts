import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

const KEY = { accessKeyId: 'AKIAOTPRELAYTEST0001', secretAccessKey: 'relay-test-secret-access-key-0001' };

/** The official client as an app builds it, pointed at the relay only by AWS_ENDPOINT_URL_SNS (as the README says). */
function sns(credentials = KEY) {
  process.env.AWS_ENDPOINT_URL_SNS = `${t.relay.url}/aws/sns`;
  return new SNSClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the SDK call to fail');
}

describe('AWS SNS Publish through @aws-sdk/client-sns', () => {
  it('an SMS by PhoneNumber lands in the inbox with its code found; the answer carries a MessageId', async () => {
    t = await startTestRelay({ testClock: true, sns: KEY });
    const sent = await sns().send(
      new PublishCommand({
        PhoneNumber: PHONE,
        Message: 'Your Acme code is 551203. Do not share it.\n\n@shop.example.com #551203',
        MessageAttributes: { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'ACME' } },
      }),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.$metadata.httpStatusCode).toBe(200);
    const message = await t.client.waitForMessage({ to: PHONE, source: 'sns' });
    expect(message).toMatchObject({ source: 'sns', channel: 'sms', from: 'ACME', code: '551203', site: 'example.com' });
  });

  it('configured keys are verified in full: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId', async () => {
    t = await startTestRelay({ testControls: false, sns: KEY });
    expect(
      await failure(
        sns({ ...KEY, secretAccessKey: 'not-the-secret' }).send(
          new PublishCommand({ PhoneNumber: PHONE, Message: 'x' }),
        ),
      ),
    ).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(
      await failure(
        sns({ accessKeyId: 'AKIASOMEONEELSE00000', secretAccessKey: 'x' }).send(
          new PublishCommand({ PhoneNumber: PHONE, Message: 'x' }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    await sns().send(new PublishCommand({ PhoneNumber: PHONE, Message: 'Your code is 123456' }));
  });

  it('with test controls on any key is taken, but the request must still carry a well-formed SigV4 header', async () => {
    t = await startTestRelay({ testClock: true });
    await sns({ accessKeyId: 'AKIAANYKEYATALL00000', secretAccessKey: 'whatever' }).send(
      new PublishCommand({ PhoneNumber: PHONE, Message: 'Your code is 123456' }),
    );
    const unsigned = await fetch(`${t.relay.url}/aws/sns`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Publish&Version=2010-03-31&PhoneNumber=%2B14155550123&Message=hi',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Code>MissingAuthenticationToken<\/Code>/);
    const garbled = await fetch(`${t.relay.url}/aws/sns`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=nope',
      },
      body: 'Action=Publish',
    });
    expect(await garbled.text()).toMatch(/<Code>IncompleteSignature<\/Code>/);
  });

  it("refuses what SNS refuses, in AWS's error shape: a bad number, an empty message, a topic, another action; chaos applies", async () => {
    t = await startTestRelay({ testClock: true });
    const client = sns();
    expect(await failure(client.send(new PublishCommand({ PhoneNumber: '12345', Message: 'x' })))).toMatchObject({
      name: 'InvalidParameterException',
      status: 400,
      message: expect.stringContaining('PhoneNumber'),
    });
    expect(await failure(client.send(new PublishCommand({ PhoneNumber: PHONE, Message: '' })))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(
      await failure(
        client.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'x' })),
      ),
    ).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('PhoneNumber only') });
    await t.client.setChaos([{ match: { to: PHONE }, action: 'drop', times: 1 }]);
    await client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'Your code is 123456' }));
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);
    await t.client.setChaos([{ match: { to: PHONE }, action: 'delay', delayMs: 3000, times: 1 }]);
    await client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'Your code is 123456' }));
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);
    await t.client.advanceClock(3000);
    expect((await t.client.listMessages({ to: PHONE })).map((m) => m.code)).toEqual(['123456']);
    await t.client.setChaos([{ match: { to: PHONE }, action: 'fail', times: 1 }]);
    expect(
      await failure(client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'Your code is 123456' }))),
    ).toMatchObject({
      status: 500,
    });
  });
});
