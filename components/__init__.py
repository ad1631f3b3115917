"""Dashboard building blocks: builders return figures, maps and HTML strings (tested without Streamlit);
`data` and `filters` are the only modules that talk to Streamlit."""
