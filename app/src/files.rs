//! Files in and out of the browser: downloads through a `Blob` and an object URL, and reading
//! a picked `File` as bytes. No network: object URLs never leave the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn reason(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "okänt fel".to_string())
}

/// Offers `bytes` as a download named `filename` of type `mime`.
pub fn download(filename: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(reason)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(reason)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("inget dokument")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(reason)?
        .dyn_into()
        .map_err(|_| "kunde inte skapa länk".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Give the browser time to start the download before the URL is released.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Reads a picked file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(reason)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// For an `<input type=file>`'s `change` event: takes the first picked file, clears the input
/// (so picking the same file again fires `change` again) and, once read with [`read_bytes`],
/// hands `then` the file's name and its bytes or the reason it could not be read. Returns
/// whether a file was picked (if not, nothing else happens).
pub fn on_file_chosen(
    ev: &web_sys::Event,
    then: impl FnOnce(String, Result<Vec<u8>, String>) + 'static,
) -> bool {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return false;
    };
    input.set_value("");
    let name = file.name();
    leptos::task::spawn_local(async move {
        let read = read_bytes(&file).await;
        then(name, read);
    });
    true
}

/// A file name made of the plan's name: letters, digits, spaces, `-` and `_` kept.
pub fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "plan".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(
            file_stem("Samordningsförbundet Västmanland"),
            "Samordningsförbundet Västmanland"
        );
        assert_eq!(file_stem("a/b:c"), "a_b_c");
        assert_eq!(file_stem("  "), "plan");
    }
}
