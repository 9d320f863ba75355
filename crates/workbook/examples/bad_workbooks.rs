//! Writes the hostile workbooks of `crates/workbook/tests/bad_workbooks/`: a truncated .xlsx, a zip
//! that is not a workbook, bytes after a zip's magic, an encrypted (password-protected) workbook, a
//! zip bomb, an .ods whose repeated rows and columns would make billions of cells, and a sheet with a
//! cell at its last row.
//!
//! `cargo run -p ziping-workbook --example bad_workbooks -- OUT_DIR`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: bad_workbooks OUT_DIR")?;
    std::fs::create_dir_all(&out)?;
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/workbooks/jinzhong-agency.xlsx"
    ))?;
    std::fs::write(format!("{out}/truncated.xlsx"), &good[..good.len() / 2])?;
    let mut garbage = b"PK\x03\x04".to_vec();
    garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(format!("{out}/garbage.xlsx"), garbage)?;

    let zip_of = |parts: &[(&str, &[u8])],
                  repeat: Option<(&str, usize)>|
     -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, opts)?;
            z.write_all(bytes)?;
        }
        if let Some((name, n)) = repeat {
            z.start_file(name, opts.large_file(true))?;
            let block = vec![b' '; 1 << 20];
            for _ in 0..n {
                z.write_all(&block)?;
            }
        }
        Ok(z.finish()?.into_inner())
    };
    std::fs::write(
        format!("{out}/a-zip-not-a-workbook.xlsx"),
        zip_of(&[("readme.txt", b"hello")], None)?,
    )?;
    // 300 MB of spaces in one part: 300 KB packed.
    std::fs::write(
        format!("{out}/zip-bomb.xlsx"),
        zip_of(
            &[("[Content_Types].xml", b"<Types/>")],
            Some(("xl/worksheets/sheet1.xml", 300)),
        )?,
    )?;

    // An .ods whose one row of 16 000 cells is repeated 6 000 times: 96 million cells in 1 KB.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored)?;
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    z.start_file("content.xml", stored)?;
    z.write_all(content.as_bytes())?;
    z.start_file("META-INF/manifest.xml", stored)?;
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)?;
    std::fs::write(
        format!("{out}/repeated-cells.ods"),
        z.finish()?.into_inner(),
    )?;

    // Office's encryption: an OLE compound file holding EncryptionInfo and EncryptedPackage.
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))?;
    c.create_stream("/EncryptionInfo")?
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])?;
    c.create_stream("/EncryptedPackage")?
        .write_all(&[0u8; 4096])?;
    c.flush()?;
    std::fs::write(format!("{out}/encrypted.xlsx"), c.into_inner().into_inner())?;

    // A form, and one more cell at the sheet's last row.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "项目名称")?;
    ws.write_string(0, 1, "某项目")?;
    ws.write_string(1, 0, "资金来源")?;
    ws.write_string(1, 1, "全年预算数")?;
    ws.write_string(1, 2, "全年执行数")?;
    ws.write_string(2, 0, "本年财政拨款")?;
    ws.write_number(2, 1, 10)?;
    ws.write_number(2, 2, 9)?;
    ws.write_string(1_048_575, 16_383, "最后一格")?;
    wb.save(format!("{out}/last-cell.xlsx"))?;
    // The same in the last cell an .xls has: saved by LibreOffice as `last-cell.xls`
    // (`soffice --headless --convert-to xls last-cell-xls.xlsx`).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "项目名称")?;
    ws.write_string(65_535, 255, "最后一格")?;
    wb.save(format!("{out}/last-cell-xls.xlsx"))?;
    Ok(())
}
