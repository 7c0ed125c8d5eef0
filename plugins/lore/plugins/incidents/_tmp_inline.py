def inline(text):
    import markdown
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html
