public enum AttnAppPlaceholder {}
