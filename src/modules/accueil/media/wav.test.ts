import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALAW_TO_ULAW, tone, ULAW_TO_ALAW } from './g711.ts';
import { g711Wav, readWav, WAV_FORMAT, WavError, wavToG711 } from './wav.ts';

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

describe('g711Wav', () => {
  it('writes RIFF, an 18-byte fmt chunk, a fact chunk and the data', () => {
    const wav = g711Wav(Buffer.from([0xff, 0x00, 0x80]), 'ulaw');
    expect(wav.length).toBe(12 + 26 + 12 + 8 + 3 + 1);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(16)).toBe(18);
    expect(wav.readUInt16LE(20)).toBe(7);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(28)).toBe(8000);
    expect(wav.readUInt16LE(32)).toBe(1);
    expect(wav.readUInt16LE(34)).toBe(8);
    expect(wav.toString('ascii', 38, 42)).toBe('fact');
    expect(wav.readUInt32LE(46)).toBe(3);
    expect(wav.toString('ascii', 50, 54)).toBe('data');
    expect(wav.readUInt32LE(54)).toBe(3);
    expect([...wav.subarray(58)]).toEqual([0xff, 0x00, 0x80, 0]); // odd data is padded to a word
  });

  it.each(['ulaw', 'alaw'] as const)('reads back its own %s files', (law) => {
    const audio = tone([440], 250, law);
    const info = readWav(g711Wav(audio, law));
    expect(info).toMatchObject({
      format: law === 'ulaw' ? 7 : 6,
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 8,
    });
    expect(info.data.equals(audio)).toBe(true);
  });
});

describe('readWav', () => {
  const pcm16 = (samples: number[], extra: Buffer = Buffer.alloc(0)) => {
    const data = Buffer.alloc(samples.length * 2);
    for (const [i, s] of samples.entries()) data.writeInt16LE(s, i * 2);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(36 + extra.length + data.length, 4);
    header.write('WAVEfmt ', 8, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(data.length, 40);
    // An extra chunk (LIST) between fmt and data, as editors write.
    return Buffer.concat([header.subarray(0, 36), extra, header.subarray(36), data]);
  };

  it('skips unknown chunks and reads 16-bit PCM', () => {
    const list = Buffer.concat([
      Buffer.from('LIST'),
      Buffer.from([5, 0, 0, 0]),
      Buffer.from('INFOx'),
      Buffer.alloc(1),
    ]);
    const info = readWav(pcm16([0, 1000, -1000], list));
    expect(info).toMatchObject({ format: WAV_FORMAT.pcm, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(info.data.length).toBe(6);
    expect([...wavToG711(pcm16([0, 1000, -1000]), 'ulaw')!]).toEqual([0xff, 0xce, 0x4e]);
  });

  it('takes the data up to the end when a streaming recorder left its size open', () => {
    const wav = g711Wav(Buffer.alloc(100, 0xd5), 'alaw');
    wav.writeUInt32LE(0xffffffff, 54);
    expect(readWav(wav).data.length).toBe(100);
  });

  it.each([
    ['not RIFF', Buffer.from('ID3\u0004 some mp3')],
    [
      'no fmt chunk',
      Buffer.concat([
        Buffer.from('RIFF'),
        Buffer.from([12, 0, 0, 0]),
        Buffer.from('WAVEdata'),
        Buffer.alloc(4),
      ]),
    ],
    ['no data chunk', g711Wav(Buffer.alloc(0), 'ulaw').subarray(0, 50)],
    [
      'a truncated fmt chunk',
      Buffer.concat([Buffer.from('RIFFxxxxWAVEfmt '), Buffer.from([16, 0, 0, 0]), Buffer.alloc(8)]),
    ],
    [
      'zero channels',
      (() => {
        const w = g711Wav(Buffer.alloc(10), 'ulaw');
        w.writeUInt16LE(0, 22);
        return w;
      })(),
    ],
  ])('rejects %s with a French message', (_name, buffer) => {
    expect(() => readWav(buffer)).toThrow(WavError);
    try {
      readWav(buffer);
    } catch (error) {
      expect((error as Error).message).toMatch(/fichier|WAV/);
    }
  });

  it('converts G.711 WAVs to either law, and leaves resampling to sox', () => {
    const ulaw = Buffer.from([0xff, 0x80, 0x00]);
    expect([...wavToG711(g711Wav(ulaw, 'ulaw'), 'ulaw')!]).toEqual([...ulaw]);
    expect([...wavToG711(g711Wav(ulaw, 'ulaw'), 'alaw')!]).toEqual([...ulaw].map((b) => ULAW_TO_ALAW[b]));
    const alaw = Buffer.from([0xd5, 0xaa]);
    expect([...wavToG711(g711Wav(alaw, 'alaw'), 'ulaw')!]).toEqual([...alaw].map((b) => ALAW_TO_ULAW[b]));
    const wideband = g711Wav(ulaw, 'ulaw');
    wideband.writeUInt32LE(16000, 24);
    expect(wavToG711(wideband, 'ulaw')).toBeNull();
  });
});

describe.skipIf(!has('sox'))('WAV files and sox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accueil-wav-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['ulaw', 'u-law'],
    ['alaw', 'a-law'],
  ] as const)('sox reads our %s WAV and we read its', (law, encoding) => {
    const ours = join(dir, `ours-${law}.wav`);
    writeFileSync(ours, g711Wav(tone([1000], 500, law), law));
    const info = execFileSync('soxi', [ours], { encoding: 'utf8' });
    expect(info).toMatch(/Sample Rate\s*:\s*8000/);
    expect(info).toMatch(/Channels\s*:\s*1/);
    expect(info).toMatch(new RegExp(`Sample Encoding\\s*:\\s*8-bit ${encoding}`, 'i'));
    expect(info).toMatch(/Duration\s*:\s*00:00:00\.50 = 4000 samples/);
    const theirs = join(dir, `theirs-${law}.wav`);
    execFileSync('sox', [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      '-e',
      encoding,
      theirs,
      'synth',
      '0.3',
      'sine',
      '440',
    ]);
    const read = readWav(readFileSync(theirs));
    expect(read).toMatchObject({
      format: law === 'ulaw' ? 7 : 6,
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 8,
    });
    expect(read.data.length).toBe(2400);
  });
});
