import bwipjs from 'bwip-js';
import QRCode from 'qrcode';

/** What a till scans: the card number as a Code 128 barcode, with the digits printed under it. */
export function barcodeSvg(cardNumber: string): string {
  return bwipjs.toSVG({ bcid: 'code128', text: cardNumber, scale: 3, height: 12, includetext: true, textxalign: 'center', paddingwidth: 6, paddingheight: 4, backgroundcolor: 'FFFFFF' });
}

/** The same card number as a QR code (phones and newer scanners read it off a screen more easily). */
export function qrSvg(cardNumber: string): Promise<string> {
  return QRCode.toString(cardNumber, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
